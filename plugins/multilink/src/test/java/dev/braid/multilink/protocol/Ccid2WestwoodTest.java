package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ccid2-westwood} against plain {@code ccid2} on one saturated link in virtual time: a
 * bottleneck of 1 packet/ms, 100 ms RTT (BDP 100 packets), a drop-tail queue, optional random
 * loss (seeded, so every variant sees the same losses). 30 s, the last 25 s measured.
 */
class Ccid2WestwoodTest {
    private static final long MS = 1_000_000L;
    private static final int BDP = 100;
    private static final long DURATION_MS = 30_000;
    private static final long MEASURE_FROM_MS = 5_000;
    private static final long CAPACITY = DURATION_MS - MEASURE_FROM_MS; // packets in the measured time

    /** What one run showed in the measured time; {@code dropped} counts queue overflows. */
    private record Run(long delivered, int minCwnd, int maxCwnd, int reductions, long sent, long dropped) {
    }

    /** Growth not stopped by queue delay: both variants probe into the 50-packet queue again and again. */
    private static Run probing(String congestionControl) {
        return saturate(congestionControl, MultilinkSettings.builder().growthQueueDelayNanos(0), 50, 0);
    }

    private static Run saturate(String congestionControl, MultilinkSettings.Builder settings, int queuePackets,
                                double randomLoss) {
        return saturate(congestionControl, settings, queuePackets, randomLoss, NO_STALL, MEASURE_FROM_MS, DURATION_MS);
    }

    /** {@code packets} in a row sent from {@code atMs} on are lost behind the bottleneck (a stalled receiver). */
    private record Stall(long atMs, int packets) {
    }

    private static final Stall NO_STALL = new Stall(Long.MAX_VALUE, 0);

    /** Runs until {@code toMs}; the Run counts from {@code fromMs}. */
    private static Run saturate(String congestionControl, MultilinkSettings.Builder settings, int queuePackets,
                                double randomLoss, Stall stall, long fromMs, long toMs) {
        Random random = new Random(1);
        CongestionControl cc = CongestionControls.create(congestionControl, settings.build());
        ArrayDeque<long[]> acks = new ArrayDeque<>(); // {arrival ms, link seq}
        long seq = 0;
        long lastDepartureMs = 0;
        long delivered = 0;
        long sent = 0;
        long dropped = 0;
        int minCwnd = Integer.MAX_VALUE;
        int maxCwnd = 0;
        int reductions = 0;
        int stalled = 0;
        for (long t = 0; t < toMs; t++) {
            boolean measured = t >= fromMs;
            while (!acks.isEmpty() && acks.peek()[0] <= t) {
                long acked = acks.poll()[1];
                AckOutcome o = cc.onAck(t * MS, new AckInfo(acked, 0, new long[] {acked, acked}));
                if (measured) {
                    delivered += o.newlyAcked();
                    reductions += o.reduced() ? 1 : 0;
                    minCwnd = Math.min(minCwnd, cc.cwnd());
                    maxCwnd = Math.max(maxCwnd, cc.cwnd());
                }
            }
            cc.onTimeout(t * MS);
            while (cc.canSend()) {
                cc.onSent(t * MS, seq);
                sent += measured ? 1 : 0;
                long departure = Math.max(t, lastDepartureMs) + 1;
                if (departure - t > queuePackets) {
                    dropped += measured ? 1 : 0;
                } else {
                    lastDepartureMs = departure;
                    boolean stalledAway = t >= stall.atMs() && stalled < stall.packets();
                    if (stalledAway) {
                        stalled++;
                    }
                    if (random.nextDouble() >= randomLoss && !stalledAway) {
                        acks.add(new long[] {departure + BDP, seq});
                    }
                }
                seq++;
            }
        }
        return new Run(delivered, minCwnd, maxCwnd, reductions, sent, dropped);
    }

    @Test
    void lossKeepsThePipeFullWhereHalvingEmptiesIt() {
        Run plain = probing(Ccid2.NAME);
        Run westwood = probing(Ccid2.WESTWOOD_NAME);
        assertTrue(plain.reductions() > 0 && westwood.reductions() > 0, plain + " " + westwood);
        assertTrue(plain.minCwnd() < BDP * 0.8, "halving drops below the pipe: " + plain);
        assertTrue(westwood.minCwnd() >= BDP * 0.95, "never below the measured pipe: " + westwood);
        assertTrue(westwood.delivered() >= CAPACITY * 0.99, westwood + " of " + CAPACITY);
        assertTrue(westwood.delivered() > plain.delivered(), westwood + " vs " + plain);
    }

    /**
     * Random loss (radio) on a link with a deep queue, with the product's queue-delay growth limit
     * (25 ms here): plain CCID2 halves on every loss; Westwood keeps the pipe it measured and,
     * since the losses come without a queue, goes on with slow start after them.
     */
    @ParameterizedTest(name = "{0} random loss")
    @CsvSource({"0.001, 0.98", "0.01, 0.9", "0.03, 0.75"})
    void randomLossTakesLittleOfTheLink(double loss, double minShare) {
        Run plain = saturate(Ccid2.NAME, MultilinkSettings.builder(), 50, loss);
        Run westwood = saturate(Ccid2.WESTWOOD_NAME, MultilinkSettings.builder(), 50, loss);
        assertTrue(westwood.delivered() >= CAPACITY * minShare * (1 - loss), westwood + " of " + CAPACITY);
        assertTrue(westwood.delivered() > 2 * plain.delivered(), westwood + " vs " + plain);
    }

    /**
     * A bottleneck that drops without a queue the RTT could show (a 3-packet buffer, like a
     * policer): its losses are not taken for random ones. The window stays near the pipe and few
     * packets are lost, as with plain CCID2.
     */
    @Test
    void shallowBufferLossesStillCountAsCongestion() {
        Run plain = saturate(Ccid2.NAME, MultilinkSettings.builder(), 3, 0);
        Run westwood = saturate(Ccid2.WESTWOOD_NAME, MultilinkSettings.builder(), 3, 0);
        assertTrue(westwood.maxCwnd() <= 2 * BDP, "window bounded: " + westwood);
        assertTrue(westwood.dropped() <= westwood.sent() / 50, "drops " + westwood + " (plain: " + plain + ")");
        assertTrue(westwood.delivered() >= CAPACITY * 0.9, westwood + " of " + CAPACITY);
    }

    /**
     * A stall of the receiver drops 40 packets in a row while the window is still in slow start
     * (about 130 packets at 450 ms): both variants halve, since the rate estimate lags a doubling
     * window. Westwood then returns at x1.25 per round towards the window it had instead of
     * climbing one packet per round; plain CCID2 fills the 100-packet pipe again only after
     * about 35 rounds.
     */
    @Test
    void aWindowLeftFarBelowItsLastSizeReturnsWithinAFewRounds() {
        Stall stall = new Stall(450, 40);
        Run plain = saturate(Ccid2.NAME, MultilinkSettings.builder(), 50, 0, stall, 450, 2450);
        Run westwood = saturate(Ccid2.WESTWOOD_NAME, MultilinkSettings.builder(), 50, 0, stall, 450, 2450);
        assertTrue(plain.minCwnd() < BDP * 0.8 && westwood.minCwnd() < BDP * 0.8, "both halved: " + plain + " " + westwood);
        assertTrue(westwood.maxCwnd() >= BDP, "back at the pipe within 2 s: " + westwood);
        assertTrue(westwood.delivered() >= plain.delivered() * 1.1, westwood + " vs " + plain);
        assertTrue(westwood.dropped() <= westwood.sent() / 50, "few drops on the way back: " + westwood);
    }

    @Test
    void beforeAnyRateSampleACongestionLossHalvesAsPlainCcid2() {
        // Without the queue-delay rule no loss counts as random.
        Ccid2 cc = Ccid2.westwood(MultilinkSettings.builder().mssBytes(1000).growthQueueDelayNanos(0).build()); // IW 4
        for (long s = 0; s < 4; s++) {
            cc.onSent(0, s);
        }
        AckOutcome o = cc.onAck(10 * MS, new AckInfo(3, 0, new long[] {3, 1}));
        assertTrue(o.reduced());
        assertEquals(3, cc.cwnd()); // 4 + 3 acked = 7, halved to 3: no interval closed yet
        assertEquals(3, cc.ssthresh());
        assertEquals(Ccid2.WESTWOOD_NAME, cc.name());
    }

    @Test
    void aLossWithoutAQueueCostsAFifthAndSlowStartGoesOn() {
        Ccid2 cc = Ccid2.westwood(MultilinkSettings.builder().mssBytes(1000).build()); // IW 4, growth limit 10 ms
        for (long s = 0; s < 4; s++) {
            cc.onSent(0, s);
        }
        cc.onAck(20 * MS, new AckInfo(3, 0, new long[] {3, 1})); // RTT 20 ms = min: no queue
        assertEquals(6, cc.cwnd()); // 7 - 7/5
        assertEquals(Integer.MAX_VALUE, cc.ssthresh(), "still in slow start");
        for (long s = 4; s < 10; s++) {
            cc.onSent(20 * MS, s);
        }
        // 7..9 acked after 51 ms (a 31 ms queue): 4..6 are lost with a queue showing, congestion.
        AckOutcome o = cc.onAck(71 * MS, new AckInfo(9, 0, new long[] {9, 7}));
        assertEquals(3, o.lost());
        assertTrue(o.reduced());
        assertEquals(cc.cwnd(), cc.ssthresh(), "slow start ends");
    }

    @Test
    void theTailOfASmallWindowLostWithoutAQueueKeepsSlowStart() {
        Ccid2 cc = Ccid2.westwood(MultilinkSettings.builder().mssBytes(1000).build()); // IW 4
        cc.onSent(0, 0);
        cc.onAck(20 * MS, new AckInfo(0, 0, new long[] {0, 0})); // RTT 20 ms, cwnd 5
        cc.onSent(30 * MS, 1); // an app-limited window: one packet, lost
        assertTrue(cc.onTimeout(cc.nextTimeoutNanos()));
        assertEquals(1, cc.cwnd());
        assertEquals(Integer.MAX_VALUE, cc.ssthresh(), "a lone lost packet is no congestion");
        Ccid2 plain = new Ccid2(MultilinkSettings.builder().mssBytes(1000).build());
        plain.onSent(0, 0);
        plain.onAck(20 * MS, new AckInfo(0, 0, new long[] {0, 0}));
        plain.onSent(30 * MS, 1);
        assertTrue(plain.onTimeout(plain.nextTimeoutNanos()));
        assertEquals(2, plain.ssthresh()); // max(5 / 2, 2): the next flow leaves slow start at 2
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
