package dev.braid.core.testing;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Inputs for property fuzzing of decoders: pure noise, and valid messages (built by the real
 * encoder from random fields) that are truncated, extended, bit-flipped or overwritten, so the
 * fuzz gets past the first length and type checks into the deep branches.
 *
 * <p>The number of tries comes from jqwik's {@code jqwik.tries.default} (1000 in the normal
 * build; the {@code fuzz} profile of the parent pom raises it, see docs/security.md "Fuzzing").
 */
public final class FuzzBytes {
    /** Bytes a decoder may allocate for one input: a fixed allowance plus a multiple of its length. */
    private static final long ALLOCATION_ALLOWANCE = 4L << 20; // class loading and JIT on first use allocate too
    private static final long ALLOCATION_PER_INPUT_BYTE = 32;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzBytes() {}

    /** Random bytes, 0 to {@code maxLength} long. */
    public static Arbitrary<byte[]> noise(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** Mostly damaged copies of {@code valid} messages, some intact ones and some noise. */
    public static Arbitrary<byte[]> around(Arbitrary<byte[]> valid, int maxNoise) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, noise(maxNoise)),
                Tuple.of(1, valid),
                Tuple.of(6, valid.flatMap(FuzzBytes::damaged)));
    }

    /** {@code valid} with one kind of damage: truncated, extended, 1-4 bits flipped, or a byte overwritten. */
    public static Arbitrary<byte[]> damaged(byte[] valid) {
        if (valid.length == 0) {
            return noise(16);
        }
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length - 1)
                .map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> extended = noise(64).filter(tail -> tail.length > 0).map(tail -> concat(valid, tail));
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length * 8 - 1).list().ofMinSize(1)
                .ofMaxSize(4).map(bits -> flip(valid, bits));
        Arbitrary<byte[]> overwritten = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.bytes()).as((index, value) -> {
                    byte[] copy = valid.clone();
                    copy[index] = value;
                    return copy;
                });
        return Arbitraries.oneOf(truncated, extended, flipped, overwritten);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] flip(byte[] valid, List<Integer> bits) {
        byte[] copy = valid.clone();
        for (int bit : bits) {
            copy[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return copy;
    }

    /**
     * Runs {@code decode} and fails if it allocated more than 4 MiB plus 32 bytes per
     * input byte on this thread: a decoder must never size an allocation by a length field it has
     * not checked against what it received.
     */
    public static void assertBoundedAllocation(int inputLength, Runnable decode) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decode.run();
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long limit = ALLOCATION_ALLOWANCE + ALLOCATION_PER_INPUT_BYTE * inputLength;
        if (allocated > limit) {
            throw new AssertionError("decoding " + inputLength + " bytes allocated " + allocated
                    + " bytes (limit " + limit + ")");
        }
    }
}
