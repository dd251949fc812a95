package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.SenderRecorder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimeSenderTest {
    private static final long MS = 1_000_000L;
    private static final int FAST = 1;
    private static final int SLOW = 2;
    private static final PacketCopier<String> COPIER = new PacketCopier<>() {
        @Override
        public String copy(String packet) {
            return packet + "'";
        }

        @Override
        public void release(String copy) {
        }
    };

    private final SenderRecorder<String> out = new SenderRecorder<>();

    private static AckMessage ack(long linkSeq) {
        return new AckMessage((int) linkSeq, 0, 0, 0, new byte[] {0});
    }

    /** FAST has an RTT of 10 ms, SLOW of 100 ms, each from one acked packet sent at 0. */
    private MultilinkSender<String> twoMeasuredLinks(RealtimeSettings.Redundancy redundancy) {
        MultilinkSettings settings = MultilinkSettings.builder().repairLosses(true)
                .realtime(new RealtimeSettings(redundancy, 2000 * MS, 30 * MS, 50 * MS)).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings, COPIER);
        s.useFlows(new ArrayFlowSequences(2));
        s.addLink(FAST, 1);
        s.addLink(SLOW, 1);
        s.offer(0, "a", 100, out);
        s.offer(0, "b", 100, out);
        s.onAck(10 * MS, FAST, ack(0), out);
        s.onAck(100 * MS, SLOW, ack(0), out);
        out.sent.clear();
        return s;
    }

    @Test
    void aRealtimePacketTakesTheLinkWhereItArrivesFirst() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.ON_LOSS);
        for (int i = 0; i < 4; i++) {
            s.offer(101 * MS + i, "voice" + i, 160, 0, true, out);
        }
        assertEquals(List.of(FAST, FAST, FAST, FAST), out.sent.stream().map(Recorders.Sent::linkId).toList());
        assertTrue(out.sent.stream().allMatch(p -> p.header().realtime()));
        assertEquals(4, s.linkStats(FAST).packetsSent() - 1);
    }

    @Test
    void alwaysRedundantSendsTheSameGlobalSeqOnBothLinks() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.ALWAYS);
        s.offer(101 * MS, "voice", 160, 0, true, out);
        assertEquals(2, out.sent.size());
        assertEquals(FAST, out.sent.get(0).linkId());
        assertEquals(SLOW, out.sent.get(1).linkId());
        assertEquals("voice'", out.sent.get(1).packet());
        assertEquals(out.sent.get(0).header().globalSeq(), out.sent.get(1).header().globalSeq());
        assertEquals(out.sent.get(0).header().flowTag(), out.sent.get(1).header().flowTag());
    }

    @Test
    void aSilentLinkGetsACopyOnTheOtherLink() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.ON_LOSS);
        s.offer(101 * MS, "voice0", 160, 0, true, out); // in flight on FAST, never acked: a cut
        s.offer(160 * MS, "voice1", 160, 0, true, out);
        assertEquals(List.of(FAST, FAST, SLOW), out.sent.stream().map(Recorders.Sent::linkId).toList(),
                "59 ms without an ack on a 10 ms link: both links carry it");
    }

    @Test
    void aCutLinkStaysSilentThroughItsRetransmissionTimeout() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.ON_LOSS);
        s.offer(101 * MS, "voice0", 160, 0, true, out);
        s.onTimer(s.nextDeadlineNanos(), out); // the RTO forgets voice0: nothing in flight any more
        assertEquals(1, s.linkStats(FAST).timeouts());
        out.sent.clear();
        s.offer(s.nextDeadlineNanos() + 1, "voice1", 160, 0, true, out);
        assertEquals(List.of(FAST, SLOW), out.sent.stream().map(Recorders.Sent::linkId).toList());
    }

    @Test
    void withoutRedundancyASilentLinkIsLeft() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.OFF);
        s.offer(101 * MS, "voice0", 160, 0, true, out);
        s.offer(160 * MS, "voice1", 160, 0, true, out);
        assertEquals(List.of(FAST, SLOW), out.sent.stream().map(Recorders.Sent::linkId).toList());
    }

    @Test
    void everyBulkPacketNamesThePreviousPacketOfItsOwnFlow() {
        MultilinkSender<String> s = twoMeasuredLinks(RealtimeSettings.Redundancy.OFF);
        int[] flows = {0, 1, 1, 0, 1};
        for (int i = 0; i < flows.length; i++) {
            s.offer(101 * MS, "p" + i, 100, flows[i], false, out);
        }
        // Globals 2..6 (0 and 1 went without a flow); flow 0: 2, 5; flow 1: 3, 4, 6.
        int[] deltas = out.sent.stream().mapToInt(p -> p.header().flowDelta()).toArray();
        boolean[] starts = new boolean[out.sent.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = out.sent.get(i).header().flowStart();
        }
        assertEquals("[0, 0, 1, 3, 2]", Arrays.toString(deltas));
        assertEquals("[true, true, false, false, false]", Arrays.toString(starts));
    }
}
