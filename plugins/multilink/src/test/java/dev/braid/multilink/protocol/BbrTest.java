package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bbr} on one link in virtual time (50 us steps): a bottleneck of {@link #RATE} packets per
 * ms behind a drop-tail queue, then the propagation delay (100 ms RTT, BDP 100 packets), random
 * loss and jitter that never reorders, acks back without loss. Every run is seeded.
 */
class BbrTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long STEP = 50 * US;
    private static final double RATE = 1.0; // packets per ms
    private static final long RTT = 100 * MS;

    /** The world one run drives; times in ns. */
    private static final class Path {
        double lossProbability;
        long jitterNanos;
        int queuePackets = 200;
        long extraDelayFromNanos = Long.MAX_VALUE;
        long extraDelayNanos;
        /** From this time on the application offers one packet per this many steps (0 = always). */
        long appLimitedFromNanos = Long.MAX_VALUE;
        int appLimitedEverySteps;
        long appLimitedUntilNanos = Long.MAX_VALUE;
        /** The sender (a busy host) only runs every this long: acks, timers and sends wait for it. */
        long senderRunsEveryNanos = STEP;
        /** The host does not run the sender at all for {@code stallNanos} from this time on. */
        long stallFromNanos = Long.MAX_VALUE;
        long stallNanos;
        /** A woken sender fires its timer before it reads the acks that waited (as an event loop may). */
        boolean timerBeforeAcks;
        /** Acks reach the sender in batches, released every this long (0 = each as it comes). */
        long ackBatchNanos;
    }

    /** What a run measured from {@code fromNanos} on. */
    private record Run(long delivered, long dropped, long sent, int maxBurst, List<Long> queueDelays, Bbr bbr,
                       List<Bbr.State> states, int timeouts) {
        double capacityShare(long fromNanos, long toNanos) {
            return delivered / ((toNanos - fromNanos) / 1e6 * RATE);
        }

        long medianQueueNanos() {
            List<Long> sorted = new ArrayList<>(queueDelays);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
    }

    private static Run run(Path path, long fromNanos, long toNanos) {
        return run(path, fromNanos, toNanos, Long.MAX_VALUE, null);
    }

    /** Runs to {@code toNanos}; {@code onStep} (if set) sees the control at every step from {@code watchFrom}. */
    private static Run run(Path path, long fromNanos, long toNanos, long watchFrom, BiConsumer<Long, Bbr> onStep) {
        Random random = new Random(7);
        Bbr bbr = new Bbr(MultilinkSettings.builder().build());
        ArrayDeque<long[]> acks = new ArrayDeque<>(); // {arrival ns, link seq}
        long seq = 0;
        long bottleneckFree = 0;
        long lastArrival = 0;
        long delivered = 0;
        long dropped = 0;
        long sent = 0;
        long step = 0;
        int maxBurst = 0;
        List<Long> queueDelays = new ArrayList<>();
        List<Bbr.State> states = new ArrayList<>();
        long serialization = (long) (MS / RATE);
        int timeouts = 0;
        for (long t = 0; t < toNanos; t += STEP, step++) {
            boolean stalled = t >= path.stallFromNanos && t < path.stallFromNanos + path.stallNanos;
            if (t % path.senderRunsEveryNanos != 0 || stalled) {
                continue;
            }
            boolean measured = t >= fromNanos;
            if (path.timerBeforeAcks && bbr.onTimeout(t)) {
                timeouts++;
            }
            while (!acks.isEmpty() && acks.peek()[0] <= t) {
                long acked = acks.poll()[1];
                AckOutcome o = bbr.onAck(t, new AckInfo(acked, 0, new long[] {acked, acked}));
                delivered += measured ? o.newlyAcked() : 0;
                if (states.isEmpty() || states.get(states.size() - 1) != bbr.state()) {
                    states.add(bbr.state());
                }
            }
            if (bbr.onTimeout(t)) {
                timeouts++;
            }
            if (onStep != null && t >= watchFrom) {
                onStep.accept(t, bbr);
            }
            boolean appLimited = t >= path.appLimitedFromNanos && t < path.appLimitedUntilNanos;
            int budget = appLimited ? (step % path.appLimitedEverySteps == 0 ? 1 : 0) : Integer.MAX_VALUE;
            int burst = 0;
            while (budget-- > 0 && bbr.canSend() && bbr.nextSendTimeNanos() <= t) {
                bbr.onSent(t, seq);
                if (measured) {
                    maxBurst = Math.max(maxBurst, ++burst);
                }
                sent += measured ? 1 : 0;
                long start = Math.max(t, bottleneckFree);
                long queued = start - t;
                if (queued > path.queuePackets * serialization) {
                    dropped += measured ? 1 : 0;
                } else {
                    bottleneckFree = start + serialization;
                    if (measured) {
                        queueDelays.add(queued);
                    }
                    long delay = RTT / 2 + (t >= path.extraDelayFromNanos ? path.extraDelayNanos : 0);
                    long jitter = path.jitterNanos == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * path.jitterNanos);
                    long arrival = Math.max(bottleneckFree + delay + jitter, lastArrival);
                    lastArrival = arrival;
                    if (random.nextDouble() >= path.lossProbability) {
                        long ackArrival = arrival + RTT / 2;
                        if (path.ackBatchNanos > 0) {
                            ackArrival = (ackArrival / path.ackBatchNanos + 1) * path.ackBatchNanos;
                        }
                        acks.add(new long[] {ackArrival, seq});
                    }
                }
                seq++;
            }
            if (appLimited && budget < 0 && bbr.canSend()) {
                bbr.onAppLimited();
            }
        }
        return new Run(delivered, dropped, sent, maxBurst, queueDelays, bbr, states, timeouts);
    }

    @Test
    void startupFindsTheRateThenDrainsAndCruisesWithoutAStandingQueue() {
        Run r = run(new Path(), 3_000 * MS, 10_000 * MS);
        assertEquals(List.of(Bbr.State.STARTUP, Bbr.State.DRAIN, Bbr.State.PROBE_BW), r.states().subList(0, 3),
                "states " + r.states());
        assertEquals(RATE * 1000, r.bbr().deliveryRatePacketsPerSecond(), RATE * 1000 * 0.05);
        assertTrue(r.capacityShare(3_000 * MS, 10_000 * MS) >= 0.97, "delivered " + r);
        assertTrue(r.medianQueueNanos() <= 10 * MS, "median queue " + r.medianQueueNanos() / 1e6 + " ms");
        assertEquals(0, r.dropped(), "a 200-packet queue never overflows");
        assertTrue(r.bbr().historySize() < 400, "history bounded: " + r.bbr().historySize());
    }

    /** Loss below the threshold, with or without jitter, is not congestion: the rate holds. */
    @ParameterizedTest(name = "{0} loss, +-{1} ms jitter")
    @CsvSource({"0.005, 0, 0.95", "0.005, 5, 0.95", "0.02, 5, 0.93", "0.01, 20, 0.93"})
    void randomLossAndJitterLeaveTheRate(double loss, int jitterMs, double minShare) {
        Path path = new Path();
        path.lossProbability = loss;
        path.jitterNanos = jitterMs * MS;
        Run r = run(path, 3_000 * MS, 20_000 * MS);
        double share = r.capacityShare(3_000 * MS, 20_000 * MS) / (1 - loss);
        assertTrue(share >= minShare, "share of the lossless capacity " + share + " " + r.states());
    }

    /** A 20-packet buffer (20 ms) overflows in STARTUP and in probes: the loss cap holds drops down. */
    @Test
    void aShallowBufferCostsFewDrops() {
        Path path = new Path();
        path.queuePackets = 20;
        Run r = run(path, 3_000 * MS, 20_000 * MS);
        assertTrue(r.capacityShare(3_000 * MS, 20_000 * MS) >= 0.9, "delivered " + r.delivered() + " dropped " + r.dropped()
                + " cwnd " + r.bbr().cwnd() + " rate " + r.bbr().deliveryRatePacketsPerSecond() + " " + r.states());
        assertTrue(r.dropped() < r.sent() * 0.02, "dropped " + r.dropped() + " of " + r.sent());
    }

    /**
     * Acks that arrive in batches, a sender that runs late and jitter each make delivery-rate
     * samples read above the bottleneck; the queue kept there stays near the guard's allowance
     * (a tenth of the 100 ms min RTT) all the same.
     */
    @ParameterizedTest(name = "acks every {0} ms, sender every {1} ms, +-{2} ms jitter")
    @CsvSource({"0, 0, 0", "10, 0, 0", "20, 0, 0", "0, 4, 0", "0, 0, 5", "0, 0, 20", "10, 2, 5"})
    void noStandingQueueWhenSamplesReadHigh(int ackBatchMs, int senderEveryMs, int jitterMs) {
        Path path = new Path();
        path.ackBatchNanos = ackBatchMs * MS;
        path.senderRunsEveryNanos = senderEveryMs == 0 ? STEP : senderEveryMs * MS;
        path.jitterNanos = jitterMs * MS;
        Run r = run(path, 5_000 * MS, 25_000 * MS);
        double share = r.capacityShare(5_000 * MS, 25_000 * MS);
        assertTrue(share >= 0.95, "share " + share + " " + r.states());
        // Without the standing-queue guard these kept a BDP (100 ms) of queue.
        assertTrue(r.medianQueueNanos() <= 15 * MS, "median queue " + r.medianQueueNanos() / 1e6 + " ms");
    }

    /** Paced at the estimate: the link is sent to at the pacing rate, never more than a short burst at once. */
    @Test
    void pacingSendsAtThePacingRate() {
        Run r = run(new Path(), 5_000 * MS, 8_000 * MS);
        double sentPerSecond = r.sent() / 3.0;
        // The gain cycle averages (1.25 + 0.75 + 6) / 8 = 1 x the estimate.
        assertEquals(RATE * 1000, sentPerSecond, RATE * 1000 * 0.03, "sent per second");
        assertTrue(r.bbr().pacingRatePacketsPerSecond() <= RATE * 1000 * 1.25 * 1.05, "pacing "
                + r.bbr().pacingRatePacketsPerSecond());
        assertTrue(r.maxBurst() <= 3, "at most the burst allowance at once: " + r.maxBurst());
    }

    /**
     * A sender that runs only every 5 ms (five pacing intervals, more than the burst allowance)
     * still sends at the pacing rate: what it missed while it did not run is sent when it does.
     */
    @Test
    void aSenderThatWakesLateKeepsItsPacingRate() {
        Path path = new Path();
        path.senderRunsEveryNanos = 5 * MS;
        Run r = run(path, 5_000 * MS, 15_000 * MS);
        assertTrue(r.capacityShare(5_000 * MS, 15_000 * MS) >= 0.93, "delivered " + r.delivered() + " of 10000, "
                + r.states() + " rate " + r.bbr().deliveryRatePacketsPerSecond());
        assertTrue(r.maxBurst() <= 8, "a late wake-up sends what it missed, not more: " + r.maxBurst());
    }

    /** The path's delay rises for good: ten seconds later PROBE_RTT lowers the window and finds the new min RTT. */
    @Test
    void probeRttFindsANewMinimumAfterTenSeconds() {
        Path path = new Path();
        path.extraDelayFromNanos = 3_000 * MS;
        path.extraDelayNanos = 10 * MS;
        int[] probeCwnd = {Integer.MAX_VALUE};
        Run r = run(path, 3_000 * MS, 16_000 * MS, 3_000 * MS, (t, bbr) -> {
            if (bbr.state() == Bbr.State.PROBE_RTT) {
                probeCwnd[0] = Math.min(probeCwnd[0], bbr.cwnd());
            }
        });
        assertTrue(r.states().contains(Bbr.State.PROBE_RTT), "states " + r.states());
        assertTrue(probeCwnd[0] <= 60, "half a BDP (plus rounding) in PROBE_RTT: " + probeCwnd[0]);
        assertEquals(Bbr.State.PROBE_BW, r.bbr().state());
        assertTrue(r.bbr().minRttNanos() >= RTT + 9 * MS, "min RTT " + r.bbr().minRttNanos() / 1e6 + " ms");
        assertTrue(r.capacityShare(3_000 * MS, 16_000 * MS) >= 0.95, "delivered " + r.delivered());
    }

    /** While the application offers a tenth of the link, its samples never lower the estimate. */
    @Test
    void appLimitedSamplesDoNotLowerTheEstimate() {
        Path path = new Path();
        path.appLimitedFromNanos = 4_000 * MS;
        path.appLimitedEverySteps = 200; // one packet per 10 ms
        double[] lowest = {Double.MAX_VALUE};
        run(path, 4_000 * MS, 9_000 * MS, 4_000 * MS,
                (t, bbr) -> lowest[0] = Math.min(lowest[0], bbr.deliveryRatePacketsPerSecond()));
        assertTrue(lowest[0] >= RATE * 1000 * 0.9, "estimate fell to " + lowest[0] + " pkt/s");
    }

    /** An RTO (every packet lost) lets one packet probe; the first ack restores the model's window. */
    @Test
    void anRtoProbesWithOnePacketThenResumes() {
        Bbr bbr = new Bbr(MultilinkSettings.builder().build());
        for (int s = 0; s < 10; s++) {
            bbr.onSent(0, s);
        }
        long expiry = bbr.nextTimeoutNanos();
        assertTrue(bbr.onTimeout(expiry));
        assertEquals(1, bbr.cwnd());
        assertEquals(0, bbr.pipe());
        bbr.onSent(expiry, 10);
        assertTrue(!bbr.canSend(), "one packet probes");
        bbr.onAck(expiry + 100 * MS, new AckInfo(10, 0, new long[] {10, 10}));
        assertTrue(bbr.cwnd() >= Bbr.MIN_CWND && bbr.canSend(), "cwnd " + bbr.cwnd());
    }

    /**
     * The host stalls for 400 ms (longer than the RTO) and, woken, fires its timer before it reads
     * the acks that arrived meanwhile: the timer waits for them instead of forgetting the window.
     */
    @Test
    void aStalledHostIsNotTakenForADeadPath() {
        Path path = new Path();
        path.stallFromNanos = 3_000 * MS;
        path.stallNanos = 400 * MS;
        path.timerBeforeAcks = true;
        Run r = run(path, 3_500 * MS, 8_000 * MS);
        assertEquals(0, r.timeouts(), "RTOs");
        assertTrue(r.capacityShare(3_500 * MS, 8_000 * MS) >= 0.93, "delivered " + r.delivered() + " of 4500");
    }

    /** A timer woken late gives waiting acks one grace period, then still expires on a path that is dead. */
    @Test
    void aLateTimerStillExpiresWhenNoAckComes() {
        Bbr bbr = new Bbr(MultilinkSettings.builder().build());
        for (int s = 0; s < 10; s++) {
            bbr.onSent(0, s);
        }
        long late = bbr.nextTimeoutNanos() + 50 * MS;
        assertTrue(!bbr.onTimeout(late), "a late wake-up waits for the input first");
        assertEquals(late + RetransmitTimer.STALL_GRACE_NANOS, bbr.nextTimeoutNanos());
        assertTrue(bbr.onTimeout(bbr.nextTimeoutNanos()), "then expires");
        assertEquals(1, bbr.cwnd());
    }

    /** An ack of a packet the RTO forgot shows the RTO spurious: the back-off and the one-packet probe are undone. */
    @Test
    void aSpuriousRtoIsUndoneByTheAckOfAForgottenPacket() {
        Bbr bbr = new Bbr(MultilinkSettings.builder().build());
        for (int s = 0; s < 10; s++) {
            bbr.onSent(s * MS, s);
        }
        bbr.onAck(100 * MS, new AckInfo(1, 0, new long[] {0, 1}));
        long rto = bbr.rtoNanos();
        assertTrue(bbr.onTimeout(bbr.nextTimeoutNanos()));
        assertEquals(2 * rto, bbr.rtoNanos(), "backed off");
        bbr.onAck(450 * MS, new AckInfo(6, 0, new long[] {2, 6}));
        assertEquals(rto, bbr.rtoNanos(), "back-off undone");
        assertTrue(bbr.cwnd() >= Bbr.MIN_CWND, "probe over: cwnd " + bbr.cwnd());
        assertEquals(1, bbr.spuriousTimeouts());
    }
}
