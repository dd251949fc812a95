package dev.braid.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most two lines per window and cause, in virtual time. */
class FloodProofLogTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final List<String> lines = new ArrayList<>();
    private final FloodProofLog log = new FloodProofLog("refused HELLOs", Duration.ofSeconds(10), lines::add);

    @Test
    void aFloodGivesOneFullLineAndOneSummaryPerWindow() {
        for (int i = 0; i < 10_000; i++) { // 1000 per second for 10 s from three subnets
            String key = i % 10 == 0 ? "192.0.2.0/24" : i % 100 == 1 ? "198.51.100.0/24" : "10.0.0.0/24";
            log.event(key, i * MS, () -> "refused HELLO from 10.0.0.1");
        }
        assertEquals(List.of("refused HELLO from 10.0.0.1"), lines);
        log.flush(10 * SECOND);
        assertEquals(2, lines.size());
        assertEquals("9999 more refused HELLOs in the last 10s: 10.0.0.0/24 8900, 192.0.2.0/24 999, "
                + "198.51.100.0/24 100", lines.get(1));
    }

    @Test
    void theNextEventAfterTheWindowOpensANewOneWithAFullLine() {
        log.event("a", 0, () -> "first");
        log.event("a", SECOND, () -> "second");
        assertTrue(log.event("a", 11 * SECOND, () -> "third"));
        assertEquals(List.of("first", "1 more refused HELLOs in the last 10s: a 1", "third"), lines);
    }

    @Test
    void aBurstOfFullLinesBeforeCounting() {
        FloodProofLog burst = new FloodProofLog("link changes", Duration.ofSeconds(10), 3, lines::add);
        for (int i = 0; i < 5; i++) {
            int n = i;
            burst.event("a", i * SECOND, () -> "change " + n);
        }
        burst.event("a", 10 * SECOND, () -> "change 5");
        assertEquals(List.of("change 0", "change 1", "change 2", "2 more link changes in the last 10s: a 2",
                "change 5"), lines);
    }

    @Test
    void aLoneEventHasNoSummary() {
        log.event("a", 0, () -> "only");
        log.flush(60 * SECOND);
        assertEquals(List.of("only"), lines);
    }

    @Test
    void heldBackLinesAreNotEvenBuilt() {
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            log.event("a", i * MS, () -> "line " + built.incrementAndGet());
        }
        assertEquals(1, built.get());
    }

    @Test
    void keysBeyondTheBoundOnlyAddToTheTotal() {
        log.event("first", 0, () -> "full");
        for (int i = 0; i < FloodProofLog.MAX_KEYS + 10; i++) {
            assertFalse(log.event("k" + i, MS, () -> "never"));
        }
        log.event("k0", MS, () -> "never");
        log.flush(10 * SECOND);
        assertEquals((FloodProofLog.MAX_KEYS + 11) + " more refused HELLOs in the last 10s: k0 2, k1 1, k2 1, "
                + (FloodProofLog.MAX_KEYS + 7) + " from more than " + (FloodProofLog.MAX_KEYS - 3) + " more",
                lines.get(1));
    }

    @Test
    void flushBeforeTheWindowEndsKeepsCounting() {
        log.event("a", 0, () -> "full");
        log.event("a", SECOND, () -> "x");
        log.flush(9 * SECOND);
        log.event("a", 9 * SECOND, () -> "x");
        log.flush(10 * SECOND);
        assertEquals(List.of("full", "2 more refused HELLOs in the last 10s: a 2"), lines);
    }
}
