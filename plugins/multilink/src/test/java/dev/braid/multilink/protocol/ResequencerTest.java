package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.ReceiverRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResequencerTest {
    private static final long MS = 1_000_000L;
    private static final int A = 1;
    private static final int B = 2;

    private final ReceiverRecorder<Long> out = new ReceiverRecorder<>();

    /** The paper's hold arithmetic: slack 0, so G (1 ms) is the floor as in RFC 6298. */
    private static Resequencer<Long> reseq(MultilinkSettings.Builder b) {
        return new Resequencer<>(b.resequencerHoldSlackNanos(0).build());
    }

    /** Packet g sent at sender time sentMs, arriving at rxNanos. */
    private void arrive(Resequencer<Long> r, long rxNanos, int link, long g, long sentMs, long lostBefore) {
        r.onPacket(rxNanos, link, g, DataHeader.microsOf(sentMs * MS), lostBefore, g, 100, out);
    }

    /** Packet g of a flow whose previous packet was {@code previous} (-1: first of the flow). */
    private void arriveInFlow(Resequencer<Long> r, long rxNanos, int link, long g, long sentMs,
                              long previous, boolean realtime) {
        r.onPacket(rxNanos, link, g, DataHeader.microsOf(sentMs * MS), 0,
                FlowTag.of(g, previous, realtime), g, 100, out);
    }

    @Test
    void aHoleInOneFlowHoldsNoPacketOfAnother() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        // Flow X: 0, 2, 4; flow Y: 1, 3, 5. X's 2 is late on the slow link B.
        arriveInFlow(r, 10 * MS, A, 0, 0, -1, false);
        arriveInFlow(r, 11 * MS, A, 1, 1, -1, false);
        arriveInFlow(r, 12 * MS, A, 3, 3, 1, false);
        arriveInFlow(r, 13 * MS, A, 4, 4, 2, false);
        arriveInFlow(r, 14 * MS, A, 5, 5, 3, false);
        assertEquals(List.of(0L, 1L, 3L, 5L), out.delivered, "Y passes X's hole");
        arriveInFlow(r, 40 * MS, B, 2, 2, 0, false);
        assertEquals(List.of(0L, 1L, 3L, 5L, 2L, 4L), out.delivered, "X in its own order");
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 27 * MS), out.heldNanos, "4 waited from 13 ms to 40 ms");
        assertEquals(1, r.stats().held());
        assertEquals(0, r.stats().bufferedPackets());
    }

    @Test
    void aRealtimePacketWaitsNeitherForAHoleNorForAlignment() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().alignDelay(true));
        r.addLink(0, A);
        r.addLink(0, B);
        arriveInFlow(r, 50 * MS, B, 0, 0, -1, false); // B: 50 ms, sets the aligned delay
        arriveInFlow(r, 15 * MS, A, 2, 10, -1, true); // A: 5 ms; 1 is missing
        assertEquals(List.of(0L, 2L), out.delivered);
        arriveInFlow(r, 16 * MS, A, 3, 11, -1, false); // bulk: waits until 11 + 50 ms
        assertEquals(List.of(0L, 2L), out.delivered);
        assertEquals(61 * MS, r.nextDeadlineNanos(), "the aligned time of 3, the hole's deadline is later");
    }

    @Test
    void inOrderGoesStraightThrough() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        for (long g = 0; g < 5; g++) {
            arrive(r, (10 + g) * MS, A, g, g, 0);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), out.delivered);
        assertEquals(0, r.stats().held());
        assertEquals(Long.MAX_VALUE, r.nextDeadlineNanos());
    }

    @Test
    void reorderedAcrossLinksIsHeldThenReleased() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 0, 0, 0);
        arrive(r, 11 * MS, A, 2, 1, 0); // 1 is on the slower link B
        assertEquals(List.of(0L), out.delivered);
        assertTrue(r.nextDeadlineNanos() < Long.MAX_VALUE);
        arrive(r, 30 * MS, B, 1, 0, 0);
        assertEquals(List.of(0L, 1L, 2L), out.delivered);
        assertEquals(1, r.stats().held());
        assertEquals(0, r.stats().skipped());
    }

    @Test
    void fifoRuleSkipsHoleOnceEveryLinkHasPassedIt() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 0, 0, 0);
        arrive(r, 11 * MS, A, 2, 1, 0); // 1 lost on B, which has not spoken yet
        assertEquals(List.of(0L), out.delivered, "B might still carry 1");
        arrive(r, 12 * MS, B, 3, 2, 0); // B passed 1 too -> 1 can never come
        assertEquals(List.of(0L, 2L, 3L), out.delivered);
        assertEquals(1, r.stats().skippedAsLost());
        assertEquals(0, r.stats().timeouts());
    }

    @Test
    void linkGapRuleSkipsExactlyTheLostGlobals() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, B, 0, 0, 0);
        arrive(r, 10 * MS, A, 1, 0, 0);
        // A lost one packet (its link seq jumped by 2) between globals 1 and 3: that was 2.
        arrive(r, 12 * MS, A, 3, 2, 1);
        assertEquals(List.of(0L, 1L, 3L), out.delivered);
        assertEquals(1, r.stats().skippedAsLost());
    }

    @Test
    void linkGapRuleWaitsWhileOtherLinksMayStillCarryAMissingGlobal() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, B, 0, 0, 0);
        arrive(r, 10 * MS, A, 1, 0, 0);
        // A lost one packet between globals 1 and 4; 2 and 3 are missing: one is on B.
        arrive(r, 12 * MS, A, 4, 3, 1);
        assertEquals(List.of(0L, 1L), out.delivered);
        arrive(r, 20 * MS, B, 2, 1, 0); // now only 3 is missing: it was A's lost packet
        assertEquals(List.of(0L, 1L, 2L, 4L), out.delivered);
        assertEquals(1, r.stats().skippedAsLost());
    }

    /** Scenario of the hold timeout: B loses 1, 3, 5, 7 after delivering 0; A carries evens. */
    private List<String> timeoutScenario(long offsetNanos) {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        ReceiverRecorder<Long> out = new ReceiverRecorder<>();
        List<String> log = new ArrayList<>();
        r.addLink(offsetNanos, A);
        r.addLink(offsetNanos, B);
        // Both links: 10 ms one-way delay. Receiver clock = sender clock + offset.
        long[][] arrivals = {{10, 0, 0}, {11, 2, 1}, {12, 4, 2}, {13, 6, 3}, {13, 8, 3}};
        for (long[] a : arrivals) {
            r.onPacket(offsetNanos + a[0] * MS, a[1] == 0 ? B : A, a[1],
                    DataHeader.microsOf(a[2] * MS), 0, a[1], 100, out);
        }
        int seen = 0;
        for (int step = 0; step < 10 && r.nextDeadlineNanos() != Long.MAX_VALUE; step++) {
            long d = r.nextDeadlineNanos();
            log.add("deadline+" + (d - offsetNanos));
            r.onTimer(d - 1, out);
            log.add("early:" + out.delivered.subList(seen, out.delivered.size()));
            seen = out.delivered.size();
            r.onTimer(d, out);
            log.add("fired:" + out.delivered.subList(seen, out.delivered.size()));
            seen = out.delivered.size();
        }
        ResequencerStats s = r.stats();
        log.add("stats " + s.timeouts() + "/" + s.releasedByTimeout() + "/" + s.skippedByTimeout());
        return log;
    }

    @Test
    void holdTimeoutReleasesOneOneThenAll() {
        List<String> log = timeoutScenario(0);
        // Hole 1: due at ts(2)=1 ms + OWD 10 ms + G 1 ms = 12 ms; releases 2 only.
        // Hole 3: due at ts(4)=2 ms + 11 ms = 13 ms; releases 4 only.
        // Hole 5: due at 14 ms; third consecutive expiry releases everything (6 and 8).
        assertEquals(List.of(
                "deadline+" + 12 * MS, "early:[0]", "fired:[2]",
                "deadline+" + 13 * MS, "early:[]", "fired:[4]",
                "deadline+" + 14 * MS, "early:[]", "fired:[6, 8]",
                "stats 3/4/4"), log);
    }

    @Test
    void holdWaitsAtLeastTheSlack() {
        Resequencer<Long> r = new Resequencer<>(MultilinkSettings.builder().resequencerHoldSlackNanos(10 * MS).build());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 100 * MS, B, 0, 0, 0); // B: 100 ms, sets d0
        arrive(r, 100 * MS, A, 2, 90, 0); // hole 1 is on B
        // Due at ts(2) + B's relative delay (0) + slack 10 ms (G is only 1 ms).
        assertEquals(90 * MS + 100 * MS + 10 * MS, r.nextDeadlineNanos());
    }

    @Test
    void holdWaitsWhileTheBlockingLinkStillDelivers() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder()); // slack 0: G = 1 ms
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 100 * MS, B, 0, 0, 0); // B: 100 ms one-way, sets d0
        arrive(r, 103 * MS, A, 3, 3, 0); // holes 1 and 2, both on B
        // B's queue grows: 1 (sent at 1 ms) arrives 2.9 ms later than B's smoothed delay.
        arrive(r, 103_900_000L, B, 1, 1, 0);
        // SOWD 362 µs, OWDVAR 725 µs: the formula says ts(3) + d0 + 3262 µs = 106.262 ms, but B
        // delivered a packet sent before hole 2 just now, so 2 is queued behind it: B's last
        // arrival + 4 OWDVAR = 106.8 ms.
        assertEquals(106_800_000L, r.nextDeadlineNanos());
        r.onTimer(106_499_999L, out);
        arrive(r, 106_500_000L, B, 2, 2, 0);
        assertEquals(List.of(0L, 1L, 2L, 3L), out.delivered);
        assertEquals(0, r.stats().releasedByTimeout());
    }

    @Test
    void alignedDelayHoldsEachPacketUntilTheSlowestUpLinkWouldHaveDeliveredIt() {
        Resequencer<Long> r = new Resequencer<>(MultilinkSettings.builder().alignDelay(true).build());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 0, 0, 0); // A: 10 ms one-way, sets d0; no B sample yet
        assertEquals(List.of(0L), out.delivered, "only A's own delay to align with");
        arrive(r, 61 * MS, B, 1, 1, 0); // B: 60 ms, 50 ms more than A
        assertEquals(List.of(0L, 1L), out.delivered);
        arrive(r, 72 * MS, A, 2, 62, 0);
        assertEquals(List.of(0L, 1L), out.delivered, "A's packet waits for B's base delay");
        assertEquals(122 * MS, r.nextDeadlineNanos());
        r.onTimer(122 * MS - 1, out);
        assertEquals(List.of(0L, 1L), out.delivered);
        r.onTimer(122 * MS, out);
        assertEquals(List.of(0L, 1L, 2L), out.delivered);
        assertEquals(0, r.stats().releasedByTimeout());
        // B goes down: A's packets go out on arrival again.
        r.setLinkUp(130 * MS, B, false, out);
        arrive(r, 135 * MS, A, 3, 125, 0);
        assertEquals(List.of(0L, 1L, 2L, 3L), out.delivered);
    }

    @Test
    void alignedDelayHoldsPacketsWhileALossRuleSkipsTheHoleBetweenThem() {
        Resequencer<Long> r = new Resequencer<>(MultilinkSettings.builder().alignDelay(true).build());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 60 * MS, B, 0, 0, 0); // B: 60 ms, sets d0
        arrive(r, 70 * MS, A, 1, 60, 0); // A: 10 ms, due at 60 + 60 = 120 ms
        arrive(r, 72 * MS, A, 3, 62, 1); // A lost the packet before: 2 is lost (gap rule)
        assertEquals(List.of(0L), out.delivered, "known lost, yet 1 and 3 wait for their time");
        assertEquals(120 * MS, r.nextDeadlineNanos());
        r.onTimer(120 * MS, out);
        assertEquals(List.of(0L, 1L), out.delivered);
        r.onTimer(122 * MS, out);
        assertEquals(List.of(0L, 1L, 3L), out.delivered);
        assertEquals(1, r.stats().skippedAsLost());
        assertEquals(0, r.stats().releasedByTimeout());
    }

    @Test
    void holdTimeoutIsImmuneToConstantClockOffset() {
        List<String> zero = timeoutScenario(0);
        assertEquals(zero, timeoutScenario(3600_000 * MS));
        assertEquals(zero, timeoutScenario(-3600_000 * MS));
        assertEquals(zero, timeoutScenario(4_294_967_296_000L + 123_456_000L)); // past 2^32 µs
    }

    @Test
    void holdTimeoutUsesOnlyLinksThatHaveNotPassedTheHole() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        // B is slow (100 ms) and delivered 0; A is fast (10 ms).
        arrive(r, 100 * MS, B, 0, 0, 0);
        arrive(r, 10 * MS + 100 * MS, A, 2, 100, 0);
        arrive(r, 111 * MS, A, 1, 101, 0); // A's next packet: hole is 3 now? no: 1 filled
        assertEquals(List.of(0L, 1L, 2L), out.delivered);
        arrive(r, 112 * MS, A, 4, 102, 0); // hole 3 might be on B
        // Blocker is B only: due at ts(4) + B's relative delay (0, it set d0) + G.
        long d = r.nextDeadlineNanos();
        assertEquals(102 * MS + 100 * MS + 1 * MS, d);
    }

    @Test
    void bufferBoundInPacketsReleasesHeadInOrder() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().resequencerMaxPackets(4));
        r.addLink(0, A);
        r.addLink(0, B);
        for (long g = 1; g <= 4; g++) {
            arrive(r, g * MS, A, g, g, 0); // 0 missing (B)
        }
        assertEquals(List.of(), out.delivered);
        assertEquals(4, r.stats().bufferedPackets());
        arrive(r, 5 * MS, A, 5, 5, 0);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), out.delivered);
        assertEquals(1, r.stats().overflow());
        assertEquals(1, r.stats().skippedByOverflow());
        assertEquals(0, r.stats().bufferedPackets());
        arrive(r, 6 * MS, B, 0, 0, 0); // too late for its turn: out of order rather than lost
        assertEquals(List.of(0L), out.deliveredLate);
        assertEquals(List.of(), out.discarded);
        assertEquals(1, r.stats().late());
        arrive(r, 7 * MS, B, 0, 0, 0);
        assertEquals(List.of(new Recorders.Discarded<>(0L, DiscardReason.DUPLICATE)), out.discarded);
    }

    @Test
    void bufferBoundInBytes() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().resequencerMaxBytes(250));
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 1 * MS, A, 1, 1, 0);
        arrive(r, 2 * MS, A, 3, 2, 0); // holes 0 and 2
        assertEquals(200, r.stats().bufferedBytes());
        arrive(r, 3 * MS, A, 4, 3, 0); // 300 > 250: release 1 (skip 0); 3 still waits for 2
        assertEquals(List.of(1L), out.delivered);
        assertEquals(200, r.stats().bufferedBytes());
    }

    @Test
    void seqSpanIsBoundedToo() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().resequencerMaxPackets(8));
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 1 * MS, A, 1, 1, 0);
        arrive(r, 2 * MS, A, 100, 2, 0); // far beyond the 8-seq span
        assertEquals(List.of(1L), out.delivered);
        assertEquals(1, r.stats().bufferedPackets());
        assertEquals(100 - 16 + 1, r.nextExpected()); // span = 2 x 8 seqs
        assertEquals(1, r.stats().overflow());
    }

    @Test
    void duplicatesAreDetectedAndDropped() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 1 * MS, A, 0, 0, 0);
        arrive(r, 2 * MS, B, 0, 0, 0); // delivered already
        arrive(r, 3 * MS, A, 2, 1, 0);
        arrive(r, 4 * MS, A, 2, 1, 0); // buffered already
        assertEquals(List.of(0L), out.delivered);
        assertEquals(2, r.stats().duplicates());
        assertEquals(List.of(DiscardReason.DUPLICATE, DiscardReason.DUPLICATE),
                out.discarded.stream().map(Recorders.Discarded::reason).toList());
        r.flush(out);
        assertEquals(List.of(0L, 2L), out.delivered);
    }

    @Test
    void blockerWithoutSamplesUsesLargestBoundAndHoldIsCapped() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().resequencerMaxHoldNanos(50 * MS));
        r.addLink(0, A);
        r.addLink(0, B); // B never delivers anything: no delay estimate
        arrive(r, 10 * MS, A, 0, 0, 0);
        arrive(r, 11 * MS, A, 2, 1, 0);
        // A's bound: SOWD 0 + G 1 ms (constant delay) -> due at ts 1 + 10 + 1 = 12 ms.
        assertEquals(12 * MS, r.nextDeadlineNanos());
        arrive(r, 200 * MS, A, 3, 150, 0); // A's delay now jumps: variance grows, cap applies
        assertTrue(r.nextDeadlineNanos() <= 11 * MS + 50 * MS);
    }

    @Test
    void withoutAnyLinkLeftNothingCanArrive() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 1, 0, 0);
        r.removeLink(11 * MS, B, out); // A passed 0 and is the only link left
        assertEquals(List.of(1L), out.delivered);
        assertEquals(1, r.stats().skippedAsLost());
    }

    @Test
    void relativeOwdIsOffsetFree() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        long offset = 3600_000 * MS;
        // A: 10 ms, B: 40 ms one-way; receiver clock 1 h ahead.
        for (long g = 0; g < 20; g += 2) {
            arrive(r, offset + (g + 10) * MS, A, g, g, 0);
            arrive(r, offset + (g + 1 + 40) * MS, B, g + 1, g + 1, 0);
        }
        assertEquals(0, r.relativeOwdMicros(A));
        assertEquals(30_000, r.relativeOwdMicros(B), 1_000);
    }

    @Test
    void withRepairAHoleEveryLinkPassedWaitsForItsRepair() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().repairLosses(true));
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 0, 0, 0);
        arrive(r, 11 * MS, A, 2, 1, 0); // 1 lost on B
        arrive(r, 12 * MS, B, 3, 2, 0); // every link passed 1: found lost now
        assertEquals(List.of(0L), out.delivered, "the sender repairs 1: wait for it");
        assertEquals(12 * MS + 200 * MS, r.nextDeadlineNanos(), "initial hold before any repair was seen");
        arrive(r, 40 * MS, A, 1, 30, 0); // the repair, over A
        assertEquals(List.of(0L, 1L, 2L, 3L), out.delivered);
        assertEquals(1, r.stats().repaired());
        assertEquals(0, r.stats().skipped());

        // The next hole waits what repairs took: 28 ms, bound 28 + 4 x 14 = 84 ms.
        arrive(r, 50 * MS, A, 5, 40, 0);
        arrive(r, 51 * MS, B, 6, 41, 0); // 4 found lost at 51 ms
        assertEquals(51 * MS + 84 * MS, r.nextDeadlineNanos());
        r.onTimer(135 * MS, out); // no repair came: given up
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 6L), out.delivered);
        assertEquals(1, r.stats().skippedByTimeout());
        arrive(r, 200 * MS, A, 4, 190, 0); // too late: out of order, and the wait grows
        assertEquals(List.of(4L), out.deliveredLate);
    }

    @Test
    void withRepairAHoleOverdueOnEveryLinkWaitsForItsRepairToo() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().repairLosses(true));
        r.addLink(0, A);
        r.addLink(0, B);
        arrive(r, 10 * MS, A, 0, 0, 0);
        arrive(r, 10 * MS, B, 1, 0, 0);
        arrive(r, 12 * MS, A, 3, 2, 0); // 2 may still come over B
        long overdue = r.nextDeadlineNanos();
        r.onTimer(overdue, out);
        assertEquals(List.of(0L, 1L), out.delivered, "overdue is found lost, not skipped");
        assertEquals(overdue + 200 * MS, r.nextDeadlineNanos());
        assertEquals(0, r.stats().timeouts());
        arrive(r, overdue + 5 * MS, A, 2, 20, 0);
        assertEquals(List.of(0L, 1L, 2L, 3L), out.delivered);
        assertEquals(1, r.stats().repaired());
    }
}
