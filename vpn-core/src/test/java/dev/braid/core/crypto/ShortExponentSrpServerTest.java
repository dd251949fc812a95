package dev.braid.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The short-exponent server agrees with BouncyCastle's client and keeps its checks. */
class ShortExponentSrpServerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER = "alice".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRE_HASH = "pre-hashed password".getBytes(StandardCharsets.UTF_8);

    @RepeatedTest(3)
    void clientAndServerAgreeOnSecretEvidenceAndKey() throws CryptoException {
        ShortExponentSrpServer server = (ShortExponentSrpServer) Srp.newServer(Srp.verifier(SALT, USER, PRE_HASH),
                RANDOM);
        BigInteger b = server.generateServerCredentials();
        assertEquals(ShortExponentSrpServer.SECRET_BITS, server.secretBitLength());

        SRP6Client client = Srp.newClient(RANDOM);
        BigInteger a = client.generateClientCredentials(SALT, USER, PRE_HASH);
        BigInteger clientS = client.calculateSecret(b);
        assertEquals(clientS, server.calculateSecret(a));
        assertTrue(server.verifyClientEvidenceMessage(client.calculateClientEvidenceMessage()));
        assertTrue(client.verifyServerEvidenceMessage(server.calculateServerEvidenceMessage()));
        assertEquals(client.calculateSessionKey(), server.calculateSessionKey());
    }

    @Test
    void wrongPasswordFailsTheEvidenceCheck() throws CryptoException {
        ShortExponentSrpServer server = (ShortExponentSrpServer) Srp.newServer(Srp.verifier(SALT, USER, PRE_HASH),
                RANDOM);
        BigInteger b = server.generateServerCredentials();
        SRP6Client client = Srp.newClient(RANDOM);
        BigInteger a = client.generateClientCredentials(SALT, USER, "wrong".getBytes(StandardCharsets.UTF_8));
        client.calculateSecret(b);
        server.calculateSecret(a);
        assertTrue(!server.verifyClientEvidenceMessage(client.calculateClientEvidenceMessage()));
    }

    @Test
    void zeroModNIsRefusedAsBefore() {
        ShortExponentSrpServer server = (ShortExponentSrpServer) Srp.newServer(Srp.verifier(SALT, USER, PRE_HASH),
                RANDOM);
        server.generateServerCredentials();
        assertThrows(CryptoException.class, () -> server.calculateSecret(Srp.GROUP.getN()));
        assertThrows(CryptoException.class, () -> server.calculateSecret(BigInteger.ZERO));
    }
}
