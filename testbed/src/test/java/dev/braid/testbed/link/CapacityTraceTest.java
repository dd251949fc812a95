package dev.braid.testbed.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTraceTest {

    private static final long MS = 1_000_000L;

    @Test
    void opportunitiesLoopWithTheLastTimestampAsPeriod() {
        CapacityTrace trace = CapacityTrace.parse(List.of("# comment", "2", "2", "", "7", "10"), "t");
        assertEquals(4, trace.opportunitiesPerPeriod());
        assertEquals(10 * MS, trace.periodNanos());
        long[] expectedMs = {2, 2, 7, 10, 12, 12, 17, 20, 22};
        for (int k = 0; k < expectedMs.length; k++) {
            assertEquals(expectedMs[k] * MS, trace.opportunityNanos(k), "opportunity " + k);
        }
    }

    /** Numbered edges: time (ns) -> first opportunity index at or after it. */
    @Test
    void firstOpportunityAtOrAfter() {
        CapacityTrace trace = CapacityTrace.parse(List.of("2", "2", "7", "10"), "t");
        long[][] table = {
                {-5, 0},            // 1: before the origin
                {0, 0},             // 2: origin
                {2 * MS, 0},        // 3: exactly on the first
                {2 * MS + 1, 2},    // 4: just after both 2 ms opportunities
                {7 * MS, 2},        // 5
                {9 * MS, 3},        // 6
                {10 * MS, 4},       // 7: the period boundary belongs to the next loop's search
                {12 * MS, 4},       // 8
                {17 * MS + 1, 7},   // 9
        };
        for (int i = 0; i < table.length; i++) {
            long k = trace.firstOpportunityAtOrAfter(table[i][0]);
            assertEquals(table[i][1], k, "row " + (i + 1));
            assertTrue(trace.opportunityNanos(k) >= table[i][0], "row " + (i + 1));
        }
    }

    @Test
    void rejectsBadTraces() {
        assertThrows(IllegalArgumentException.class, () -> CapacityTrace.parse(List.of(), "t"));
        assertThrows(IllegalArgumentException.class, () -> CapacityTrace.parse(List.of("0", "0"), "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapacityTrace.parse(List.of("1", "x"), "f.trace"));
        assertTrue(e.getMessage().startsWith("f.trace:2"), e.getMessage());
    }
}
