package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The copies' token bucket in virtual time: VoIP-like packets of 160 bytes every 20 ms unless said otherwise. */
class RedundancyBudgetTest {
    private static final long MS = 1_000_000L;

    private final RedundancyBudget budget = new RedundancyBudget(QueueSettings.defaults());

    @Test
    void atRatioOneEveryPacketMayHaveOneCopy() {
        for (long t = 0; t < 10_000 * MS; t += 20 * MS) {
            budget.onRealtimeSent(t, 160);
            assertTrue(budget.tryCopy(t, 160));
            assertFalse(budget.tryCopy(t, 160), "not a second copy");
        }
        assertEquals(500, budget.copiesAllowed());
        assertEquals(500, budget.copiesRefused());
        assertEquals(500 * 160, budget.copyBytesAllowed());
    }

    @Test
    void nothingSentNothingCopied() {
        assertFalse(budget.tryCopy(0, 1));
        assertEquals(0, budget.availableBytes(0));
        assertEquals(1, budget.copiesRefused());
    }

    @Test
    void atRatioOneHalfEveryOtherPacketIsCopied() {
        RedundancyBudget half = new RedundancyBudget(0.5, 50 * MS);
        int copied = 0;
        for (long t = 0; t < 1_000 * MS; t += 10 * MS) {
            half.onRealtimeSent(t, 200);
            copied += half.tryCopy(t, 200) ? 1 : 0;
        }
        assertEquals(50, copied);
        assertEquals(50, half.copiesRefused());
    }

    @Test
    void copiedBytesNeverExceedTheRatioOfWhatWasSent() {
        RedundancyBudget b = new RedundancyBudget(0.7, 50 * MS);
        Random rnd = new Random(15);
        long sent = 0;
        long t = 0;
        for (int i = 0; i < 100_000; i++) {
            t += rnd.nextInt(30) * MS;
            if (rnd.nextBoolean()) {
                int bytes = 60 + rnd.nextInt(1400);
                b.onRealtimeSent(t, bytes);
                sent += bytes;
            } else {
                b.tryCopy(t, 60 + rnd.nextInt(1400));
            }
            assertTrue(b.copyBytesAllowed() <= 0.7 * sent + 1e-6, "copied " + b.copyBytesAllowed());
        }
        assertTrue(b.copyBytesAllowed() > 0.5 * 0.7 * sent, "the allowance is used");
    }

    @Test
    void unusedAllowanceExpiresAfterOneToTwoSaveTimes() {
        for (long t = 0; t < 1_000 * MS; t += 20 * MS) {
            budget.onRealtimeSent(t, 160); // a quiet link: no copies for a second
        }
        // Slots of 50 ms: at 990 ms what was earned in [900, 1000) and [950, 1000) is left.
        assertEquals(5 * 160, budget.availableBytes(990 * MS));
        assertEquals(2 * 160, budget.availableBytes(1_000 * MS)); // [950, 1000) only
        int burst = 0;
        while (budget.tryCopy(1_000 * MS, 160)) {
            burst++;
        }
        assertEquals(2, burst, "a long quiet time saves no long burst");
        budget.onRealtimeSent(1_010 * MS, 160);
        assertEquals(160, budget.availableBytes(1_099 * MS));
        assertEquals(0, budget.availableBytes(1_100 * MS));
    }

    @Test
    void oldestAllowanceIsSpentFirst() {
        budget.onRealtimeSent(40 * MS, 1000); // slot [0, 50)
        budget.onRealtimeSent(60 * MS, 1000); // slot [50, 100)
        assertTrue(budget.tryCopy(60 * MS, 1000)); // spends the older
        assertEquals(1000, budget.availableBytes(110 * MS), "the newer one lives another slot");
    }

    @Test
    void ratioZeroAllowsNoCopies() {
        RedundancyBudget none = new RedundancyBudget(0, 50 * MS);
        none.onRealtimeSent(0, 1500);
        assertFalse(none.tryCopy(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RedundancyBudget(-1, 50 * MS));
        assertThrows(IllegalArgumentException.class, () -> new RedundancyBudget(1, 0));
    }
}
