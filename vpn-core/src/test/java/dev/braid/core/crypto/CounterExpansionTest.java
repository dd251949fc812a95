package dev.braid.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CounterExpansionTest {
    private static final long WRAP = 1L << 32;

    @Test
    void restoresTheNearestCounterToTheOneExpected() {
        assertEquals(0, CounterExpansion.expand(0, 0), "the first packet of a link");
        assertEquals(5, CounterExpansion.expand(0, 5));
        assertEquals(WRAP, CounterExpansion.expand(WRAP - 1, 0), "across the wrap");
        assertEquals(WRAP - 3, CounterExpansion.expand(WRAP + 1, WRAP - 3), "late, from before the wrap");
        assertEquals(3 * WRAP + 7, CounterExpansion.expand(3 * WRAP + 2, 7));
    }

    @Test
    void anyCounterWithinHalfTheWireRangeOfTheExpectedOneComesBack() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long highest = random.nextLong() >>> 8;
            long offset = random.nextLong() % (WRAP / 2 - 1);
            long counter = highest + 1 + offset;
            if (counter < 0) {
                continue;
            }
            assertEquals(counter, CounterExpansion.expand(highest, CounterExpansion.truncate(counter)),
                    "highest " + highest + " counter " + counter);
        }
    }
}
