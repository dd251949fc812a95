package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AckAggregationTest {
    private static final long MS = 1_000_000L;
    private static final double RATE = 1000; // packets per second: one per ms

    @Test
    void acksAtTheRateShowNoAggregation() {
        AckAggregation aggregation = new AckAggregation();
        for (int i = 0; i < 1000; i++) {
            aggregation.onAck(i * MS, i % 50 == 0, 1, RATE, 500);
        }
        assertTrue(aggregation.extraPackets(RATE) <= 1, "at most one ack ahead: " + aggregation.extraPackets(RATE));
    }

    @Test
    void acksHeldBackAndReleasedTogetherAreMeasuredAsTheHoldTimesTheRate() {
        AckAggregation aggregation = new AckAggregation();
        long now = 0;
        for (int i = 0; i < 100; i++) {
            aggregation.onAck(now += MS, false, 1, RATE, 500);
        }
        now += 40 * MS; // a 40 ms stall (jitter, a descheduled receiver): no acks...
        aggregation.onAck(now, false, 40, RATE, 500); // ...then all at once
        for (int i = 0; i < 20; i++) {
            aggregation.onAck(now += MS, false, 2, RATE, 500); // the link delivers faster until caught up
        }
        int extra = aggregation.extraPackets(RATE);
        assertTrue(extra >= 35 && extra <= 65, "about 40 packets beyond the rate: " + extra);
    }

    @Test
    void theEstimateIsCappedByTheWindowAndBy100MsAtTheRate() {
        AckAggregation aggregation = new AckAggregation();
        aggregation.onAck(0, false, 1, RATE, 30);
        aggregation.onAck(MS, false, 400, RATE, 30);
        assertEquals(30, aggregation.extraPackets(RATE), "never above the window it was given");
        AckAggregation wide = new AckAggregation();
        wide.onAck(0, false, 1, RATE, 10_000);
        wide.onAck(MS, false, 400, RATE, 10_000);
        assertEquals(100, wide.extraPackets(RATE), "100 ms at 1000 packets/s");
    }

    @Test
    void anOldBurstIsForgottenAfterTwoWindowsOfRounds() {
        AckAggregation aggregation = new AckAggregation();
        aggregation.onAck(0, false, 1, RATE, 500);
        aggregation.onAck(MS, false, 50, RATE, 500);
        assertTrue(aggregation.extraPackets(RATE) >= 45);
        long now = 100 * MS;
        for (int round = 0; round < 2 * AckAggregation.WINDOW_ROUNDS; round++) {
            now += 100 * MS; // acks fall behind the rate: each starts a new epoch with nothing extra
            aggregation.onAck(now, true, 1, RATE, 500);
        }
        assertTrue(aggregation.extraPackets(RATE) <= 1, "forgotten: " + aggregation.extraPackets(RATE));
    }
}
