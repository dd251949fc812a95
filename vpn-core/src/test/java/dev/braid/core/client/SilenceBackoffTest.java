package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client's questions to a silent proxy, on its 500 ms tick, in virtual time. */
class SilenceBackoffTest {
    private static final long MS = 1_000_000L;
    private static final long TICK = 500 * MS;

    @Test
    void asksAtOnceThenEverLessOftenUpToTheKeepaliveInterval() {
        SilenceBackoff backoff = new SilenceBackoff(TICK, 10_000 * MS, new Random(3));
        List<Long> asked = askedOnTicks(backoff, 0, 120_000 * MS);

        assertEquals(0L, asked.get(0), "at once");
        for (int i = 1; i < asked.size(); i++) {
            long gap = asked.get(i) - asked.get(i - 1);
            long interval = Math.min(10_000 * MS, TICK << Math.min(i - 1, 10));
            assertTrue(gap >= interval * 8 / 10 && gap <= interval * 12 / 10 + TICK,
                    "gap " + i + ": " + gap / MS + " ms for an interval of " + interval / MS + " ms");
        }
        // 0.5, 1, 2, 4, 8 s and then every 10 s: about 15 questions in two minutes, not 240.
        assertTrue(asked.size() >= 12 && asked.size() <= 19, asked.size() + " questions in two minutes");
    }

    @Test
    void anAnswerStartsTheNextSilenceFromTheFirstIntervalAgain() {
        SilenceBackoff backoff = new SilenceBackoff(TICK, 10_000 * MS, new Random(4));
        askedOnTicks(backoff, 0, 60_000 * MS);
        backoff.reset();

        assertTrue(backoff.due(61_000 * MS), "at once");
        assertTrue(askedOnTicks(backoff, 61_000 * MS + TICK, 62_000 * MS + TICK).size() >= 1, "again within a second");
    }

    @Test
    void fleetsDoNotAskInStep() {
        long[] lastQuestion = new long[20];
        for (int client = 0; client < lastQuestion.length; client++) {
            SilenceBackoff backoff = new SilenceBackoff(TICK, 10_000 * MS, new Random(client));
            List<Long> asked = askedOnTicks(backoff, 0, 60_000 * MS);
            lastQuestion[client] = asked.get(asked.size() - 1);
        }
        assertTrue(Arrays.stream(lastQuestion).distinct().count() > 5,
                "the last questions of 20 clients fall on different ticks");
    }

    private static List<Long> askedOnTicks(SilenceBackoff backoff, long from, long until) {
        List<Long> asked = new ArrayList<>();
        for (long now = from; now < until; now += TICK) {
            if (backoff.due(now)) {
                asked.add(now);
            }
        }
        return asked;
    }
}
