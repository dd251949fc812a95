package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.SenderRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilinkSenderTest {
    private static final long MS = 1_000_000L;

    private static AckMessage ackAll(long highest, int count) {
        return new AckMessage((int) highest, 0, 0, 0, new byte[] {(byte) (count - 1)});
    }

    @Test
    void mostFreeWindowSpreadsAndDropsWhenFullWithoutHoles() {
        MultilinkSender<String> s = new MultilinkSender<>(MultilinkSettings.defaults());
        s.addLink(1, 1);
        s.addLink(2, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 8; i++) {
            s.offer(0, "p" + i, 100, out);
        }
        assertEquals(6, out.sent.size()); // IW 3 on each link
        assertEquals(List.of(1, 2, 1, 2, 1, 2), out.sent.stream().map(Recorders.Sent::linkId).toList());
        assertEquals(2, out.dropped.size());
        assertEquals(DropReason.NO_ROOM, out.dropped.get(0).reason());
        // Global seqs are consecutive across links; link seqs per link.
        for (int i = 0; i < 6; i++) {
            assertEquals(i, out.sent.get(i).header().globalSeq());
            assertEquals(i / 2, out.sent.get(i).header().linkSeq());
        }
        s.offer(5 * MS, "later", 100, out);
        s.onAck(10 * MS, 1, ackAll(2, 3), out);
        s.offer(11 * MS, "after-ack", 100, out);
        assertEquals(6, out.sent.get(6).header().globalSeq(), "drops left no hole");
        assertEquals(1, out.sent.get(6).linkId());
        assertEquals(3, s.linkStats(1).packetsAcked());
        assertEquals(4, s.linkStats(1).packetsSent());
        assertEquals(400, s.linkStats(1).bytesSent());
    }

    @Test
    void queuePolicyDrainsWhenAcksOpenWindows() {
        MultilinkSettings settings = MultilinkSettings.builder().noRoomPolicy(NoRoomPolicy.QUEUE)
                .sharedQueuePackets(2).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 6; i++) {
            s.offer(0, "p" + i, 100, out);
        }
        assertEquals(3, out.sent.size());
        assertEquals(2, s.sharedQueueSize());
        assertEquals(List.of(new Recorders.Dropped<>("p5", DropReason.QUEUE_FULL)), out.dropped);
        s.onAck(10 * MS, 1, ackAll(1, 2), out);
        assertEquals(5, out.sent.size());
        assertEquals("p3", out.sent.get(3).packet());
        assertEquals(3, out.sent.get(3).header().globalSeq());
        assertEquals(0, s.sharedQueueSize());
    }

    @Test
    void withFqCoDelASparseFlowIsServedBeforeABulkFlowsBacklog() {
        MultilinkSettings settings = MultilinkSettings.builder().noRoomPolicy(NoRoomPolicy.QUEUE)
                .queue(QueueSettings.defaults()).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.useFlows(new ArrayFlowSequences(2));
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 13; i++) {
            s.offer(0, "bulk" + i, 1400, 0, false, out); // 3 fill the window, 10 wait
        }
        s.offer(1 * MS, "sparse", 200, 1, false, out);
        out.sent.clear();
        s.onAck(10 * MS, 1, ackAll(2, 3), out);
        // DRR with a 1500-byte quantum: the bulk flow spends its credit on two packets, then
        // the new flow goes before the rest of the bulk backlog.
        assertEquals(List.of("bulk3", "bulk4", "sparse"),
                out.sent.stream().map(Recorders.Sent::packet).limit(3).toList());
    }

    @Test
    void queuedPacketsThatWaitedLongerThanTheBoundAreDroppedFromTheHead() {
        MultilinkSettings settings = MultilinkSettings.builder().noRoomPolicy(NoRoomPolicy.QUEUE)
                .sharedQueueMaxDelayNanos(50 * MS).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 3; i++) {
            s.offer(0, "p" + i, 100, out); // cwnd 3: all sent
        }
        s.offer(0, "old", 100, out);
        s.offer(40 * MS, "young", 100, out);
        assertEquals(2, s.sharedQueueSize());
        s.onAck(60 * MS, 1, ackAll(0, 1), out); // one slot; "old" waited 60 ms > 50 ms
        assertEquals(List.of(new Recorders.Dropped<>("old", DropReason.QUEUE_FULL)), out.dropped);
        assertEquals("young", out.sent.get(3).packet());
        assertEquals(3, out.sent.get(3).header().globalSeq(), "a dropped queued packet leaves no hole");
    }

    @Test
    void oneRttBoundFollowsTheSlowestLinkThatIsUpButHoldsAtLeast100Ms() {
        MultilinkSettings settings = MultilinkSettings.builder().noRoomPolicy(NoRoomPolicy.QUEUE)
                .sharedQueueMaxDelayNanos(MultilinkSettings.QUEUE_DELAY_ONE_RTT)
                .initialRtoNanos(10_000 * MS).minRtoNanos(10_000 * MS).build(); // no RTO opens a window
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.addLink(1, 1);
        s.addLink(2, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 6; i++) {
            s.offer(0, "p" + i, 100, out); // 3 on each link
        }
        s.onAck(10 * MS, 1, ackAll(0, 1), out);   // link 1: RTT 10 ms
        s.onAck(200 * MS, 2, ackAll(0, 1), out);  // link 2: RTT 200 ms
        for (int i = 0; i < 12; i++) {
            s.offer(200 * MS, "q" + i, 100, out);
        }
        int queued = s.sharedQueueSize();
        assertTrue(queued > 0, "windows full, packets wait");
        s.onTimer(399 * MS, out);
        assertEquals(queued, s.sharedQueueSize(), "199 ms is within the slowest link's 200 ms");
        s.onTimer(401 * MS, out);
        assertEquals(0, s.sharedQueueSize(), "201 ms is not");
        assertEquals(queued, out.dropped.size());

        for (int i = 0; i < 4; i++) {
            s.offer(410 * MS, "r" + i, 100, out);
        }
        s.setLinkUp(420 * MS, 2, false, out); // link 1's 10 ms is all that is left
        s.onTimer(509 * MS, out);
        assertEquals(4, s.sharedQueueSize(), "the 100 ms floor holds");
        s.onTimer(511 * MS, out);
        assertEquals(0, s.sharedQueueSize());
    }

    @Test
    void linkQueueKeepsGlobalOrderAndIsDroppedWhenLinkGoesDown() {
        MultilinkSettings settings = MultilinkSettings.builder().scheduler("earliest-arrival")
                .linkQueuePackets(2).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 6; i++) {
            s.offer(0, "p" + i, 100, out);
        }
        assertEquals(3, out.sent.size());
        assertEquals(2, s.linkStats(1).queued());
        assertEquals(1, out.dropped.size());
        s.onAck(10 * MS, 1, ackAll(0, 1), out);
        assertEquals(5, out.sent.size()); // cwnd 4, pipe 2: both queued packets go
        assertEquals(3, out.sent.get(3).header().globalSeq());
        assertEquals(4, out.sent.get(4).header().globalSeq());
        s.offer(10 * MS, "q1", 100, out);
        s.offer(10 * MS, "q2", 100, out);
        assertEquals(2, s.linkStats(1).queued());
        s.setLinkUp(11 * MS, 1, false, out);
        assertEquals(List.of(DropReason.LINK_GONE, DropReason.LINK_GONE),
                out.dropped.subList(1, 3).stream().map(Recorders.Dropped::reason).toList());
        s.offer(12 * MS, "x", 100, out);
        assertEquals(DropReason.NO_LINK, out.dropped.get(3).reason());
    }

    @Test
    void linkInRtoBackoffIsProbedBackIntoUse() {
        MultilinkSender<String> s = new MultilinkSender<>(MultilinkSettings.defaults());
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 3; i++) {
            s.offer(0, "p" + i, 100, out);
        }
        assertEquals(1000 * MS, s.nextDeadlineNanos());
        s.onTimer(1000 * MS, out);
        assertEquals(1, s.linkStats(1).timeouts());
        assertEquals(1, s.linkStats(1).cwnd());
        assertEquals(Long.MAX_VALUE, s.nextDeadlineNanos());
        s.offer(1001 * MS, "probe", 100, out);
        assertEquals("probe", out.sent.get(3).packet());
        assertEquals(1001 * MS + 2000 * MS, s.nextDeadlineNanos());
        s.onAck(1050 * MS, 1, ackAll(3, 1), out);
        assertEquals(2, s.linkStats(1).cwnd());
    }

    @Test
    void addRemoveAndUnknownLinks() {
        MultilinkSender<String> s = new MultilinkSender<>(MultilinkSettings.defaults());
        s.addLink(1, 1);
        assertThrows(IllegalArgumentException.class, () -> s.addLink(1, 1));
        SenderRecorder<String> out = new SenderRecorder<>();
        s.onAck(0, 99, ackAll(0, 1), out); // ignored
        s.removeLink(0, 1, out);
        assertTrue(s.links().isEmpty());
        s.offer(0, "p", 1, out);
        assertEquals(DropReason.NO_LINK, out.dropped.get(0).reason());
        assertThrows(IllegalArgumentException.class,
                () -> new MultilinkSender<String>(MultilinkSettings.builder().congestionControl("x").build()));
    }

    @Test
    void timestampsAreSenderMicrosTruncated() {
        MultilinkSender<String> s = new MultilinkSender<>(MultilinkSettings.defaults());
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        long now = 5_000_000_000_123L; // > 2^32 µs
        s.offer(now, "p", 1, out);
        assertEquals((int) (now / 1000), out.sent.get(0).header().txTimeMicros());
    }

    /**
     * Copies are the packet itself; counts the ones alive so a leak shows. A copy handed to the
     * output as a repair belongs to the output from then on (the adapter releases it after sending).
     */
    private static final class CountingCopier implements PacketCopier<String> {
        int live;

        @Override
        public String copy(String packet) {
            live++;
            return packet;
        }

        @Override
        public void release(String copy) {
            live--;
        }
    }

    /** Links 1 and 2 with three packets each in flight (globals 0,2,4 on 1 and 1,3,5 on 2); link 1 acked. */
    private static MultilinkSender<String> repairingSender(long maxAgeNanos, CountingCopier copier,
                                                           SenderRecorder<String> out) {
        MultilinkSettings settings = MultilinkSettings.builder().noRoomPolicy(NoRoomPolicy.QUEUE)
                .repairLosses(true).repairMaxAgeNanos(maxAgeNanos).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings, copier);
        s.addLink(1, 1);
        s.addLink(2, 1);
        for (int i = 0; i < 6; i++) {
            s.offer(0, "p" + i, 100, out);
        }
        s.onAck(10 * MS, 1, ackAll(2, 3), out);
        assertEquals(3, copier.live, "only link 2's packets are still kept");
        return s;
    }

    @Test
    void packetsLostByAnRtoAreRepairedOnTheFastestLinkWithTheirGlobalSeq() {
        CountingCopier copier = new CountingCopier();
        SenderRecorder<String> out = new SenderRecorder<>();
        MultilinkSender<String> s = repairingSender(2000 * MS, copier, out);
        int before = out.sent.size();
        s.onTimer(1000 * MS, out); // link 2's RTO: p1, p3, p5 are lost
        List<Recorders.Sent<String>> repairs = out.sent.subList(before, out.sent.size());
        assertEquals(List.of("p1", "p3", "p5"), repairs.stream().map(Recorders.Sent::packet).toList());
        assertEquals(List.of(1, 3, 5), repairs.stream().map(r -> r.header().globalSeq()).toList());
        assertEquals(List.of(1, 1, 1), repairs.stream().map(Recorders.Sent::linkId).toList());
        assertEquals(List.of(3, 4, 5), repairs.stream().map(r -> r.header().linkSeq()).toList(),
                "new link seqs of the repairing link");
        assertEquals(3, s.linkStats(1).repairsSent());
        s.onAck(1020 * MS, 1, ackAll(5, 6), out);
        assertEquals(3, copier.live, "acked repairs free their copies (the 3 sent belong to the output)");
        s.offer(1030 * MS, "new", 100, out);
        assertEquals(6, out.sent.get(out.sent.size() - 1).header().globalSeq(), "repairs took no new global seq");
    }

    @Test
    void tooOldPacketsAreNotRepairedAndTheirCopiesAreFreed() {
        CountingCopier copier = new CountingCopier();
        SenderRecorder<String> out = new SenderRecorder<>();
        MultilinkSender<String> s = repairingSender(500 * MS, copier, out);
        int before = out.sent.size();
        s.onTimer(1000 * MS, out);
        assertEquals(before, out.sent.size());
        assertEquals(3, s.repairsAbandoned());
        assertEquals(0, copier.live);
    }

    @Test
    void packetsInFlightOnALinkThatGoesDownAreRepairedAndCloseFreesEveryCopy() {
        CountingCopier copier = new CountingCopier();
        SenderRecorder<String> out = new SenderRecorder<>();
        MultilinkSender<String> s = repairingSender(500 * MS, copier, out);
        int before = out.sent.size();
        s.setLinkUp(20 * MS, 2, false, out);
        assertEquals(List.of("p1", "p3", "p5"),
                out.sent.subList(before, out.sent.size()).stream().map(Recorders.Sent::packet).toList());
        assertEquals(3 + 3, copier.live, "3 repairs handed to the output, their copies kept for link 1");
        s.close(out);
        assertEquals(3, copier.live, "close frees every copy the sender kept");
    }

    @Test
    void repairNeedsACopier() {
        MultilinkSettings settings = MultilinkSettings.builder().repairLosses(true).build();
        assertThrows(IllegalArgumentException.class, () -> new MultilinkSender<String>(settings));
    }

    /**
     * A paced link takes queued packets at its pacing times: the sender's deadline is the next
     * send time while packets wait (never one already passed, so the timer cannot spin), and the
     * timer releases them at the pacing rate.
     */
    @Test
    void aPacedLinkReleasesQueuedPacketsAtItsPacingTimes() {
        MultilinkSettings settings = MultilinkSettings.builder().congestionControl(Bbr.NAME)
                .noRoomPolicy(NoRoomPolicy.QUEUE).sharedQueuePackets(100).scheduler(ProportionalScheduler.NAME).build();
        MultilinkSender<String> s = new MultilinkSender<>(settings);
        s.addLink(1, 1);
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < Bbr.INITIAL_CWND; i++) {
            s.offer(0, "w" + i, 1000, out);
        }
        assertEquals(Bbr.INITIAL_CWND, out.sent.size(), "the initial window goes at once, unpaced");
        s.onAck(100 * MS, 1, ackAll(Bbr.INITIAL_CWND - 1, Bbr.INITIAL_CWND), out);
        for (int i = 0; i < 15; i++) { // within the window of 20 the ack opened
            s.offer(100 * MS, "p" + i, 1000, out);
        }
        int sentAtOnce = out.sent.size() - Bbr.INITIAL_CWND;
        assertTrue(sentAtOnce >= 1 && sentAtOnce < 10, "a burst, not the window: " + sentAtOnce);
        long now = 100 * MS;
        long first = 0;
        int timers = 0;
        while (s.sharedQueueSize() > 0) {
            long deadline = s.nextDeadlineNanos();
            assertTrue(deadline > now && deadline < now + 50 * MS, "deadline " + (deadline - now) + " ns ahead; cwnd "
                    + s.congestionControl(1).cwnd() + " pipe " + s.congestionControl(1).pipe() + " send at "
                    + (s.congestionControl(1).nextSendTimeNanos() - now) + " sent " + out.sent.size());
            now = deadline;
            first = first == 0 ? now : first;
            s.onTimer(now, out);
            timers++;
        }
        assertEquals(25, out.sent.size());
        assertTrue(timers >= 5, "released over several pacing times: " + timers);
        // STARTUP paces at 2.89 x 10 packets / 100 ms (delivered over the RTT): ~290 packets/s.
        double perSecond = (15 - sentAtOnce) / ((now - first) / 1e9 + 1e-9);
        assertTrue(perSecond > 200 && perSecond < 400, "paced at " + perSecond + " packets/s");
    }
}
