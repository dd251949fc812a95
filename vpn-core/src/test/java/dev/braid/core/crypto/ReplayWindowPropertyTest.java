package dev.braid.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The ring window behaves exactly like "not seen before and at most W behind the highest". */
class ReplayWindowPropertyTest {

    @Property(tries = 300)
    void matchesTheNaiveModel(@ForAll @Size(max = 400) List<@LongRange(min = 0, max = 1500) Long> counters,
                              @ForAll @IntRange(min = 1, max = 4) int blocksLog) {
        int blocks = 1 << blocksLog;
        ReplayWindow window = new ReplayWindow(blocks, ReplayWindow.NO_LIMIT);
        long w = window.windowSize();
        Set<Long> seen = new HashSet<>();
        long highest = 0;
        for (long counter : counters) {
            boolean expected = !seen.contains(counter) && (counter > highest || highest - counter <= w);
            assertEquals(expected, window.accept(counter), "counter " + counter + " highest " + highest);
            if (expected) {
                seen.add(counter);
                highest = Math.max(highest, counter);
            }
        }
    }
}
