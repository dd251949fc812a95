package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeqNumTest {

    /** RFC 1982 §3.2 edges for SERIAL_BITS = 32 (hex values are u32). */
    @ParameterizedTest(name = "#{0}: compare({1}, {2}) = {3}")
    @CsvSource({
            "1, 0x00000000, 0x00000000, 0",
            "2, 0x00000000, 0x00000001, -1",
            "3, 0x00000001, 0x00000000, 1",
            "4, 0xFFFFFFFF, 0x00000000, -1",   // wraps: 2^32-1 is just before 0
            "5, 0x00000000, 0xFFFFFFFF, 1",
            "6, 0x00000000, 0x7FFFFFFF, -1",   // largest distance still defined
            "7, 0x7FFFFFFF, 0x00000000, 1",
            "8, 0x00000000, 0x80000000, 0",    // distance 2^31: undefined, neither is less
            "9, 0x80000000, 0x00000000, 0",
            "10, 0x80000000, 0x80000001, -1",
            "11, 0xFFFFFFF0, 0x0000000F, -1",
    })
    void compareTable(int no, String a, String b, int expected) {
        int x = (int) Long.parseLong(a.substring(2), 16);
        int y = (int) Long.parseLong(b.substring(2), 16);
        assertEquals(expected, SeqNum.compare(x, y));
        assertEquals(expected < 0, SeqNum.lessThan(x, y));
        assertEquals(expected > 0, SeqNum.greaterThan(x, y));
    }

    /** Unwrap edges: (wire, reference) -> 64-bit value. */
    @ParameterizedTest(name = "#{0}: unwrap({1}, {2}) = {3}")
    @CsvSource({
            "1, 0x00000000, 0, 0",
            "2, 0x00000005, 3, 5",
            "3, 0xFFFFFFFF, 4294967296, 4294967295",   // just before the wrap, ref just after
            "4, 0x00000001, 4294967295, 4294967297",   // just after the wrap, ref just before
            "5, 0xFFFFFFFF, 0, -1",                    // before the start
            "6, 0x7FFFFFFF, 0, 2147483647",            // farthest ahead
            "7, 0x80000000, 0, -2147483648",           // 2^31 away resolves backwards
            "8, 0x00000010, 8589934592, 8589934608",   // second wrap
    })
    void unwrapTable(int no, String wire, long reference, long expected) {
        assertEquals(expected, SeqNum.unwrap((int) Long.parseLong(wire.substring(2), 16), reference));
    }

    @Property
    void unwrapInvertsTruncateNearReference(@ForAll @LongRange(min = 0, max = 1L << 40) long value,
                                            @ForAll @IntRange(min = -(1 << 30), max = 1 << 30) int offset) {
        long reference = value + offset;
        assertEquals(value, SeqNum.unwrap(SeqNum.truncate(value), reference));
    }

    @Property
    void compareAgreesWithCountersWithinHalfSpace(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
                                                  @ForAll @IntRange(min = -((1 << 30) - 1), max = (1 << 30) - 1) int delta) {
        long b = a + delta;
        assertEquals(Long.signum(a - b), SeqNum.compare(SeqNum.truncate(a), SeqNum.truncate(b)));
        assertEquals(-SeqNum.compare(SeqNum.truncate(a), SeqNum.truncate(b)),
                SeqNum.compare(SeqNum.truncate(b), SeqNum.truncate(a)));
    }

    @Property
    void nearTwoToThe32(@ForAll @IntRange(min = -1000, max = 1000) int around,
                        @ForAll @IntRange(min = -1000, max = 1000) int step) {
        long value = (1L << 32) + around;
        long reference = value + step;
        assertEquals(value, SeqNum.unwrap((int) value, reference));
        assertEquals(Integer.signum(-step), SeqNum.compare((int) value, (int) reference));
    }
}
