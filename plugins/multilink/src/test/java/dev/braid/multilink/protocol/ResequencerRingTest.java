package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.ReceiverRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The resequencer's ring: grows by doubling as the span held needs, up to the bound; shrinks when idle. */
class ResequencerRingTest {
    private static final long MS = 1_000_000L;
    private static final int A = 1;
    private static final int B = 2;
    private static final int FIRST = Resequencer.INITIAL_RING;

    private final ReceiverRecorder<Long> out = new ReceiverRecorder<>();

    private static Resequencer<Long> reseq(MultilinkSettings.Builder b) {
        Resequencer<Long> r = new Resequencer<>(b.resequencerHoldSlackNanos(0).build());
        r.addLink(0, A);
        r.addLink(0, B);
        return r;
    }

    private void arrive(Resequencer<Long> r, long rxNanos, int link, long g, long sentMs) {
        r.onPacket(rxNanos, link, g, DataHeader.microsOf(sentMs * MS), 0, g, 100, out);
    }

    private static List<Long> seqs(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    @Test
    void startsSmallAndInOrderTrafficNeverGrowsIt() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        for (long g = 0; g < 10_000; g++) {
            arrive(r, 10 * MS + g * 1000, A, g, g / 1000);
        }
        assertEquals(FIRST, r.ringLength());
        assertEquals(seqs(0, 10_000), out.delivered);
    }

    @Test
    void aHoleHoldingMoreThanTheRingDoublesItAndTheOrderIsKept() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        for (long g = 1; g < 1000; g++) {
            arrive(r, 10 * MS, A, g, 0); // 0 is late on B
        }
        assertEquals(1024, r.ringLength(), "doubled from the first size until 999 seqs fit");
        assertEquals(List.of(), out.delivered);
        assertEquals(999, r.stats().bufferedPackets());
        arrive(r, 20 * MS, B, 0, 0);
        assertEquals(seqs(0, 1000), out.delivered);

        assertTrue(r.releaseIdle());
        assertEquals(FIRST, r.ringLength());
        arrive(r, 30 * MS, A, 1001, 1);
        arrive(r, 31 * MS, B, 1000, 1);
        assertEquals(seqs(0, 1002), out.delivered, "works on after the shrink");
    }

    @Test
    void theRingStopsAtTheSpanOfThePacketBound() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().resequencerMaxPackets(100));
        arrive(r, 10 * MS, A, 1, 0);
        arrive(r, 10 * MS, A, 255, 0);
        assertEquals(256, r.ringLength(), "the span of 2 x 100 packets, a power of two");
        arrive(r, 10 * MS, A, 1000, 0); // beyond the span: the head moves on, as it always did
        assertEquals(256, r.ringLength());
        assertEquals(List.of(1L, 255L), out.delivered);
        assertTrue(r.stats().overflow() > 0);
    }

    @Test
    void nothingIsReleasedWhileAHoleHoldsPackets() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        for (long g = 1; g < 200; g++) {
            arrive(r, 10 * MS, A, g, 0);
        }
        assertFalse(r.releaseIdle());
        assertEquals(256, r.ringLength());
        assertFalse(reseq(MultilinkSettings.builder()).releaseIdle(), "already at its first size");
    }

    @Test
    void packetsWaitingForTheirAlignedDelayCrossAGrowth() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().alignDelay(true));
        arrive(r, 50 * MS, B, 0, 0); // B: 50 ms, the aligned delay
        for (long g = 1; g < 200; g++) { // A: about 5 ms, each waits until tx + 50 ms in the due heap
            r.onPacket(6 * MS, A, g, DataHeader.microsOf(g * 10_000), 0, FlowTag.of(g, -1, false), g, 100, out);
        }
        assertEquals(256, r.ringLength());
        assertEquals(List.of(0L), out.delivered);
        List<Long> later = new ArrayList<>(List.of(0L));
        for (long g = 1; g < 200; g++) {
            r.onTimer(r.nextDeadlineNanos(), out);
            later.add(g);
            assertEquals(later, out.delivered, "one by one at tx + 50 ms, in tx order");
        }
    }

    @Test
    void aLostSeqFoundBeforeAGrowthIsStillKnownAsRepairedAfter() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder().repairLosses(true));
        arrive(r, 10 * MS, A, 0, 0);
        arrive(r, 11 * MS, A, 2, 1);
        arrive(r, 12 * MS, B, 3, 2); // every link passed 1: found lost, the sender repairs it
        for (long g = 4; g < 500; g++) {
            arrive(r, 13 * MS, A, g, 3);
        }
        assertEquals(512, r.ringLength());
        arrive(r, 40 * MS, A, 1, 30); // the repair
        assertEquals(seqs(0, 500), out.delivered);
        assertEquals(1, r.stats().repaired());
    }

    @Test
    void aSkippedSeqFarBelowTheHeadIsStillDeliveredLateAfterAShrink() {
        Resequencer<Long> r = reseq(MultilinkSettings.builder());
        for (long g = 1; g < 3000; g++) {
            arrive(r, 10 * MS, A, g, 0);
        }
        r.onTimer(r.nextDeadlineNanos(), out); // 0 given up
        assertEquals(seqs(1, 3000), out.delivered);
        assertTrue(r.releaseIdle());
        arrive(r, 2000 * MS, B, 0, 0); // 3000 seqs below the head, beyond the small ring, within the span
        assertEquals(List.of(0L), out.deliveredLate);
    }
}
