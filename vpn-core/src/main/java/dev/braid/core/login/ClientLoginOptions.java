package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import java.time.Duration;
import java.util.Objects;

/**
 * Client login settings.
 *
 * <p>A CHALLENGE names the Argon2id cost the client must pay; the client refuses more than
 * {@code maxArgon2MemoryKiB} of memory (1 GiB by default), {@value #MAX_ARGON2_ITERATIONS}
 * iterations and {@value #MAX_ARGON2_PARALLELISM} lanes (the wire would allow 2^31-1 KiB,
 * 65535 and 255), so a forged or hostile challenge cannot make it allocate gigabytes or compute
 * for hours. The shipped cost is 64 MiB, 3, 1.
 *
 * @param suite               requested packet protection
 * @param dataPath            requested data path, e.g. "single" or "multilink"
 * @param initialRetransmit   first retransmission delay; doubles on each retry
 * @param maxSends            sends of one message (first + retransmissions) before giving up
 * @param maxArgon2MemoryKiB  refuse challenges demanding more memory (a hostile proxy could ask for GiBs)
 */
public record ClientLoginOptions(CipherSuite suite, String dataPath, Duration initialRetransmit, int maxSends,
                                 int maxArgon2MemoryKiB) {

    /** The default limit of {@code maxArgon2MemoryKiB}: 1 GiB, 16 times the shipped cost. */
    public static final int DEFAULT_MAX_ARGON2_MEMORY_KIB = 1024 * 1024;
    /** Passes over memory the client accepts: 16, five times the shipped 3. */
    public static final int MAX_ARGON2_ITERATIONS = 16;
    /** Lanes the client accepts (BouncyCastle computes them one after the other). */
    public static final int MAX_ARGON2_PARALLELISM = 16;

    public ClientLoginOptions {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(dataPath, "dataPath");
        if (dataPath.isEmpty() || dataPath.length() > LoginMessages.MAX_DATA_PATH_BYTES
                || !dataPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("data path must be 1.." + LoginMessages.MAX_DATA_PATH_BYTES
                    + " printable ASCII characters: '" + dataPath + "'");
        }
        if (initialRetransmit.isNegative() || initialRetransmit.isZero()) {
            throw new IllegalArgumentException("initialRetransmit must be positive");
        }
        if (maxSends < 1) {
            throw new IllegalArgumentException("maxSends must be >= 1");
        }
    }

    /** @return null when the client pays this Argon2 cost, else which limit it exceeds */
    public String argon2Refusal(Argon2Params argon2) {
        return argon2Refusal(argon2, maxArgon2MemoryKiB);
    }

    /** As {@link #argon2Refusal(Argon2Params)} for a client with this memory limit. */
    public static String argon2Refusal(Argon2Params argon2, int maxArgon2MemoryKiB) {
        if (argon2.memoryKiB() > maxArgon2MemoryKiB) {
            return "Argon2 memory of " + argon2.memoryKiB() + " KiB, above the limit of " + maxArgon2MemoryKiB + " KiB";
        }
        if (argon2.iterations() > MAX_ARGON2_ITERATIONS) {
            return "Argon2 iterations " + argon2.iterations() + ", above the limit of " + MAX_ARGON2_ITERATIONS;
        }
        if (argon2.parallelism() > MAX_ARGON2_PARALLELISM) {
            return "Argon2 parallelism " + argon2.parallelism() + ", above the limit of " + MAX_ARGON2_PARALLELISM;
        }
        return null;
    }

    /** 1 s first retransmit, doubling, 5 sends (gives up after 31 s without answer), Argon2 up to 1 GiB. */
    public static ClientLoginOptions defaults(CipherSuite suite, String dataPath) {
        return new ClientLoginOptions(suite, dataPath, Duration.ofSeconds(1), 5, DEFAULT_MAX_ARGON2_MEMORY_KIB);
    }
}
