package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The BUSY "retry after": the admitted work at the measured cost, clamped. */
class BusyHintTest {

    @Test
    void theHintIsTheBacklogAtTheMeasuredCostSpreadOverTheWorkers() {
        BusyHint hint = new BusyHint();
        for (int i = 0; i < 500; i++) {
            hint.stepTook(4_000_000); // 4 ms a step
        }
        assertEquals(4_000_000, hint.costNanos(), 10_000);
        // 1000 steps of 4 ms on 2 workers: 2 s.
        assertEquals(2_000, hint.retryAfter(1000, 2).toMillis(), 20);
        assertEquals(1_000, hint.retryAfter(1000, 4).toMillis(), 10);
    }

    @Test
    void theHintIsClamped() {
        BusyHint hint = new BusyHint();
        assertEquals(BusyHint.MIN, hint.retryAfter(0, 2), "an empty queue still spaces the retries");
        assertEquals(BusyHint.MAX, hint.retryAfter(1_000_000, 1));
        hint.stepTook(-5);
        assertTrue(hint.costNanos() >= 0);
        assertTrue(hint.retryAfter(10, 2).compareTo(Duration.ZERO) > 0);
    }
}
