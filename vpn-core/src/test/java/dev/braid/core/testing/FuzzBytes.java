package dev.braid.core.testing;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
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
                Tuple.of(6, damaged(valid)));
    }

    /**
     * {@code valid} with one kind of damage: truncated, extended by random bytes, 1-4 bits
     * flipped, or a byte overwritten. The damage is drawn apart from the message (no flatMap),
     * so generation stays cheap and failures shrink.
     */
    public static Arbitrary<byte[]> damaged(Arbitrary<byte[]> valid) {
        return Combinators.combine(valid, damages()).as((message, damage) -> damage.apply(message));
    }

    /** Damages to apply to messages built at run time (e.g. sealed with a session's next counter). */
    public static Arbitrary<UnaryOperator<byte[]>> damages() {
        return Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().greaterOrEqual(0).list().ofMinSize(1).ofMaxSize(4),
                noise(64), Arbitraries.bytes())
                .as((kind, positions, tail, value) -> valid -> damage(valid, kind, positions, tail, value));
    }

    private static byte[] damage(byte[] valid, int kind, List<Integer> positions, byte[] tail, byte value) {
        if (valid.length == 0) {
            return tail;
        }
        int first = positions.get(0);
        return switch (kind) {
            case 0 -> Arrays.copyOf(valid, first % valid.length);
            case 1 -> concat(valid, tail.length == 0 ? new byte[] {value} : tail);
            case 2 -> flip(valid, positions);
            default -> {
                byte[] copy = valid.clone();
                copy[first % valid.length] = value;
                yield copy;
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] flip(byte[] valid, List<Integer> bits) {
        byte[] copy = valid.clone();
        for (int position : bits) {
            int bit = position % (valid.length * 8);
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
