package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.PasswordHasher;
import dev.braid.core.crypto.Srp;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;

/**
 * The expensive client step (Argon2id pre-hash, then SRP's A, S and M1), packaged so the caller
 * can run it on a worker thread. It only touches its own copies, so it is safe to run on any
 * thread; {@link #compute()} may be called once.
 */
public final class ProofWork {

    private final int handshakeId;
    private final byte[] username;
    private final byte[] password;
    private final byte[] salt;
    private final Argon2Params argon2;
    private final byte[] b;
    private final SecureRandom random;

    ProofWork(int handshakeId, byte[] username, byte[] password, byte[] salt, Argon2Params argon2, byte[] b,
              SecureRandom random) {
        this.handshakeId = handshakeId;
        this.username = username.clone();
        this.password = password.clone();
        this.salt = salt.clone();
        this.argon2 = argon2;
        this.b = b.clone();
        this.random = random;
    }

    /** Blocking, CPU- and memory-heavy (about 100 ms and 64 MiB with default parameters). */
    public ProofComputation compute() {
        byte[] preHash = PasswordHasher.preHash(password, salt, argon2);
        Arrays.fill(password, (byte) 0);
        SRP6Client client = Srp.newClient(random);
        BigInteger a = client.generateClientCredentials(salt, username, preHash);
        Arrays.fill(preHash, (byte) 0);
        try {
            client.calculateSecret(Srp.toBigInteger(b));
            BigInteger m1 = client.calculateClientEvidenceMessage();
            return new ProofComputation(handshakeId, client, Srp.pad(a), Srp.hashBytes(m1), null);
        } catch (CryptoException e) {
            return new ProofComputation(handshakeId, null, null, null, "invalid B from proxy: " + e.getMessage());
        }
    }
}
