package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code ccid2-westwood} against plain {@code ccid2} on one saturated link in virtual time: a
 * bottleneck of 1 packet/ms, 100 ms RTT (BDP 100 packets) and a drop-tail queue of 50 packets.
 * Growth is not stopped by queue delay here, so both probe into loss again and again.
 */
class Ccid2WestwoodTest {
    private static final long MS = 1_000_000L;
    private static final int BDP = 100;
    private static final int QUEUE = 50;

    /** What one run showed from {@code measureFromMs} on. */
    private record Run(long delivered, int minCwnd, int reductions) {
    }

    private static Run saturate(String congestionControl, long durationMs, long measureFromMs) {
        return saturate(congestionControl, durationMs, measureFromMs, 0, MultilinkSettings.builder().growthQueueDelayNanos(0));
    }

    private static Run saturate(String congestionControl, long durationMs, long measureFromMs, double randomLoss,
                                MultilinkSettings.Builder settings) {
        Random random = new Random(1); // seeded: the same losses for every variant
        CongestionControl cc = CongestionControls.create(congestionControl, settings.build());
        ArrayDeque<long[]> acks = new ArrayDeque<>(); // {arrival ms, link seq}
        long seq = 0;
        long lastDepartureMs = 0;
        long delivered = 0;
        int minCwnd = Integer.MAX_VALUE;
        int reductions = 0;
        for (long t = 0; t < durationMs; t++) {
            while (!acks.isEmpty() && acks.peek()[0] <= t) {
                long acked = acks.poll()[1];
                AckOutcome o = cc.onAck(t * MS, new AckInfo(acked, 0, new long[] {acked, acked}));
                if (t >= measureFromMs) {
                    delivered += o.newlyAcked();
                    reductions += o.reduced() ? 1 : 0;
                    minCwnd = Math.min(minCwnd, cc.cwnd());
                }
            }
            cc.onTimeout(t * MS);
            while (cc.canSend()) {
                cc.onSent(t * MS, seq);
                long departure = Math.max(t, lastDepartureMs) + 1;
                if (departure - t <= QUEUE) { // else: drop-tail
                    lastDepartureMs = departure;
                    if (random.nextDouble() >= randomLoss) {
                        acks.add(new long[] {departure + BDP, seq});
                    }
                }
                seq++;
            }
        }
        return new Run(delivered, minCwnd, reductions);
    }

    @Test
    void lossKeepsThePipeFullWhereHalvingEmptiesIt() {
        Run plain = saturate(Ccid2.NAME, 30_000, 5_000);
        Run westwood = saturate(Ccid2.WESTWOOD_NAME, 30_000, 5_000);
        long capacity = 25_000; // 1 packet/ms over the measured 25 s
        assertTrue(plain.reductions() > 0 && westwood.reductions() > 0, plain + " " + westwood);
        assertTrue(plain.minCwnd() < BDP * 0.8, "halving drops below the pipe: " + plain);
        assertTrue(westwood.minCwnd() >= BDP * 0.95, "never below the measured pipe: " + westwood);
        assertTrue(westwood.delivered() >= capacity * 0.99, westwood + " of " + capacity);
        assertTrue(westwood.delivered() > plain.delivered(), westwood + " vs " + plain);
    }

    /**
     * Random loss (radio) on the same link, with the product's queue-delay growth limit: plain
     * CCID2 halves on every loss; Westwood keeps the pipe it measured.
     */
    @Test
    void randomLossTakesFarLessOfTheLink() {
        MultilinkSettings.Builder settings = MultilinkSettings.builder(); // growth stops at a 25 ms queue
        long capacity = 25_000;
        Run plain = saturate(Ccid2.NAME, 30_000, 5_000, 0.001, settings);
        Run westwood = saturate(Ccid2.WESTWOOD_NAME, 30_000, 5_000, 0.001, settings);
        assertTrue(westwood.delivered() >= capacity * 0.98, "0.1 % loss: " + westwood + " of " + capacity);
        assertTrue(westwood.delivered() > 2 * plain.delivered(), "0.1 % loss: " + westwood + " vs " + plain);
        plain = saturate(Ccid2.NAME, 30_000, 5_000, 0.01, settings);
        westwood = saturate(Ccid2.WESTWOOD_NAME, 30_000, 5_000, 0.01, settings);
        assertTrue(westwood.delivered() > 3 * plain.delivered(), "1 % loss: " + westwood + " vs " + plain);
    }

    @Test
    void beforeAnyRateSampleALossHalvesAsPlainCcid2() {
        Ccid2 cc = Ccid2.westwood(MultilinkSettings.builder().mssBytes(1000).build()); // IW 4
        for (long s = 0; s < 4; s++) {
            cc.onSent(0, s);
        }
        AckOutcome o = cc.onAck(10 * MS, new AckInfo(3, 0, new long[] {3, 1}));
        assertTrue(o.reduced());
        assertEquals(3, cc.cwnd()); // 4 + 3 acked = 7, halved to 3: no interval closed yet
        assertEquals(Ccid2.WESTWOOD_NAME, cc.name());
    }

    @Test
    void timeoutKeepsTheMeasuredPipeAsSsthresh() {
        CongestionControl plain = timedOutAfterTwoSeconds(Ccid2.NAME);
        CongestionControl westwood = timedOutAfterTwoSeconds(Ccid2.WESTWOOD_NAME);
        assertEquals(1, westwood.cwnd());
        assertTrue(plain.ssthresh() < BDP * 0.8, "plain halves: " + plain.ssthresh());
        assertTrue(westwood.ssthresh() >= BDP * 0.95 && westwood.ssthresh() <= BDP * 1.05,
                "westwood: " + westwood.ssthresh());
    }

    /** 2 s at 1 packet/ms and 100 ms RTT (the estimate learns 1000 packets/s), then an RTO. */
    private static CongestionControl timedOutAfterTwoSeconds(String name) {
        CongestionControl cc = CongestionControls.create(name, MultilinkSettings.defaults());
        for (long t = 0; t < 2000; t++) {
            if (t >= BDP) {
                long acked = t - BDP;
                cc.onAck(t * MS, new AckInfo(acked, 0, new long[] {acked, acked}));
            }
            cc.onSent(t * MS, t);
        }
        assertTrue(cc.onTimeout(cc.nextTimeoutNanos()));
        return cc;
    }
}
