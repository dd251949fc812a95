package dev.braid.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * SRP-6a parameters shared by client, server and the users file: RFC 5054 3072-bit group, SHA-256.
 * The "password" given to BouncyCastle is always the Argon2id pre-hash ({@link PasswordHasher}).
 */
public final class Srp {

    public static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_3072;

    /** Length of A, B and verifiers on the wire: PAD() to the group size, 384 bytes. */
    public static final int PUBLIC_VALUE_LENGTH = 384;

    /** Length of M1, M2 and the session key on the wire (SHA-256). */
    public static final int HASH_LENGTH = 32;

    private Srp() {
    }

    /** v = g^x with x = H(s | H(I ":" preHash)). */
    public static byte[] verifier(byte[] salt, byte[] username, byte[] preHash) {
        SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
        generator.init(GROUP, new SHA256Digest());
        return pad(generator.generateVerifier(salt, username, preHash));
    }

    public static SRP6Client newClient(SecureRandom random) {
        SRP6Client client = new SRP6Client();
        client.init(GROUP, new SHA256Digest(), random);
        return client;
    }

    /** A server with a 256-bit ephemeral secret ({@link ShortExponentSrpServer}). */
    public static SRP6Server newServer(byte[] verifier, SecureRandom random) {
        SRP6Server server = new ShortExponentSrpServer();
        server.init(GROUP, new BigInteger(1, verifier), new SHA256Digest(), random);
        return server;
    }

    /** PAD(value) to the group length (384 bytes). */
    public static byte[] pad(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(PUBLIC_VALUE_LENGTH, value);
    }

    /** A hash-sized value (M1, M2, K) as exactly 32 bytes. */
    public static byte[] hashBytes(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(HASH_LENGTH, value);
    }

    public static BigInteger toBigInteger(byte[] unsigned) {
        return new BigInteger(1, unsigned);
    }
}
