package dev.braid.core.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id pre-hash of a password. SRP's own x = H(s | H(I ":" P)) is a single fast hash, so a
 * leaked verifier could be brute-forced cheaply; feeding SRP this slow pre-hash instead of the
 * password makes every guess cost one Argon2id run.
 *
 * <p>Expensive with real parameters (about 100 ms and 64 MiB): never call on an event loop.
 */
public final class PasswordHasher {

    /** Length of the pre-hash in bytes. */
    public static final int OUTPUT_LENGTH = 32;

    private PasswordHasher() {
    }

    /**
     * @param password the password as UTF-8 bytes (not retained)
     * @param salt     the user's salt (16 bytes in Braid)
     * @return a fresh 32-byte Argon2id output
     */
    public static byte[] preHash(byte[] password, byte[] salt, Argon2Params params) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[OUTPUT_LENGTH];
        generator.generateBytes(password, out);
        return out;
    }
}
