package dev.braid.core.crypto;

/**
 * Argon2id cost parameters, stored per user next to the salt and verifier.
 *
 * @param memoryKiB   memory in KiB (at least 8 per lane)
 * @param iterations  passes over memory (t), 1..65535 (a u16 in the CHALLENGE)
 * @param parallelism lanes (p), 1..255
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /** The CHALLENGE carries iterations as a u16. */
    public static final int MAX_ITERATIONS = 0xffff;

    /** Production default: 64 MiB, t=3, p=1. */
    public static final Argon2Params DEFAULT = new Argon2Params(64 * 1024, 3, 1);

    /** Very cheap preset for tests only: 8 KiB, t=1, p=1 (well under a millisecond). */
    public static final Argon2Params TEST_CHEAP = new Argon2Params(8, 1, 1);

    public Argon2Params {
        if (parallelism < 1 || parallelism > 255) {
            throw new IllegalArgumentException("argon2 parallelism must be 1..255, got " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("argon2 iterations must be 1.." + MAX_ITERATIONS + ", got " + iterations);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException(
                    "argon2 memory must be >= 8 KiB per lane (" + 8 * parallelism + "), got " + memoryKiB);
        }
    }

    /**
     * Parses {@code m,t,p} (memory KiB, iterations, parallelism), e.g. {@code 65536,3,1}.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static Argon2Params parse(String text) {
        String[] parts = text.trim().split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("argon2 parameters must be 'm,t,p', got '" + text + "'");
        }
        try {
            return new Argon2Params(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argon2 parameters must be three integers 'm,t,p', got '" + text + "'");
        }
    }

    /** The inverse of {@link #parse}. */
    public String format() {
        return memoryKiB + "," + iterations + "," + parallelism;
    }
}
