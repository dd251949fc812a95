package dev.braid.core.crypto;

import java.time.Duration;

/**
 * When a sender moves to the next key epoch, and how wide the receiver's replay windows are.
 *
 * @param packetsPerKey      packets sent under one key (over all links) before rotating
 * @param maxKeyAgeNanos     age of a key after which the next packet rotates it
 * @param replayWindowBlocks replay window size per link in 64-bit blocks (power of two)
 */
public record RekeyLimits(long packetsPerKey, long maxKeyAgeNanos, int replayWindowBlocks) {

    public static final Duration DEFAULT_MAX_KEY_AGE = Duration.ofSeconds(120);

    public RekeyLimits {
        if (packetsPerKey < 1) {
            throw new IllegalArgumentException("packetsPerKey must be >= 1, got " + packetsPerKey);
        }
        if (maxKeyAgeNanos < 1) {
            throw new IllegalArgumentException("maxKeyAgeNanos must be >= 1, got " + maxKeyAgeNanos);
        }
        if (replayWindowBlocks < 2 || Integer.bitCount(replayWindowBlocks) != 1) {
            throw new IllegalArgumentException("replayWindowBlocks must be a power of two >= 2, got "
                    + replayWindowBlocks);
        }
    }

    /** Defaults: the suite's packet limit (AES-GCM 2^22, ChaCha20 2^32), 120 s, 128 blocks (8128). */
    public static RekeyLimits defaults(CipherSuite suite) {
        return new RekeyLimits(suite.defaultPacketsPerKey(), DEFAULT_MAX_KEY_AGE.toNanos(),
                ReplayWindow.DEFAULT_BLOCKS);
    }
}
