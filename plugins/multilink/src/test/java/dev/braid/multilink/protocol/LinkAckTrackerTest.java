package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinkAckTrackerTest {
    private static final long MS = 1_000_000L;

    @Test
    void acksEverySecondPacket() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 64);
        assertTrue(t.onReceived(0, 0, 100));
        assertFalse(t.ackDue(0));
        assertTrue(t.onReceived(1 * MS, 1, 200));
        assertTrue(t.ackDue(1 * MS));
        AckMessage a = t.buildAck(3 * MS, 42);
        assertEquals(1, a.ackNumber());
        assertEquals(200, a.echoTimestampMicros());
        assertEquals(2000, a.ackDelayMicros());
        assertEquals(42, a.highestGlobalSeq());
        assertArrayEquals(new byte[] {1}, a.vector()); // Received x2
        assertFalse(t.ackDue(3 * MS));
        assertEquals(Long.MAX_VALUE, t.nextDeadlineNanos());
    }

    @Test
    void delayedAckForOddPacket() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 64);
        t.onReceived(5 * MS, 0, 0);
        assertEquals(15 * MS, t.nextDeadlineNanos());
        assertFalse(t.ackDue(15 * MS - 1));
        assertTrue(t.ackDue(15 * MS));
    }

    @Test
    void vectorReportsGapsAndIgnoresDuplicates() {
        LinkAckTracker t = new LinkAckTracker(100, 10 * MS, 64);
        for (long s : new long[] {0, 1, 2, 5, 6}) {
            assertTrue(t.onReceived(0, s, 0));
        }
        assertFalse(t.onReceived(0, 5, 0), "duplicate");
        AckMessage a = t.buildAck(0, 0);
        assertEquals(6, a.ackNumber());
        // 6..5 received, 4..3 not, 2..0 received
        assertArrayEquals(new byte[] {1, (byte) 0xC1, 2}, a.vector());
        AckInfo info = AckInfo.from(a, 6);
        assertArrayEquals(new long[] {6, 5, 2, 0}, info.receivedRanges());
    }

    @Test
    void windowBoundsStateAndVector() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 16);
        for (long s = 0; s < 1000; s += 3) {
            t.onReceived(0, s, 0);
        }
        AckMessage a = t.buildAck(0, 0);
        assertTrue(a.vectorLength() <= 16);
        long covered = 0;
        for (int i = 0; i < a.vectorLength(); i++) {
            covered += a.runPackets(i);
        }
        assertEquals(16, covered);
        assertFalse(t.onReceived(0, 999 - 16, 0), "older than the window");
    }

    @Test
    void longRunsSplitAt64() {
        LinkAckTracker t = new LinkAckTracker(1000, 10 * MS, 200);
        for (long s = 0; s < 130; s++) {
            t.onReceived(0, s, 0);
        }
        assertArrayEquals(new byte[] {63, 63, 1}, t.buildAck(0, 0).vector());
    }

    @Test
    void busyLinkAcksEveryTenthPacket() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 10, 256);
        long seq = 0;
        // 1 packet per ms: 10 packets in 10 ms, within 2 x the delayed-ack time, once 10 arrived.
        int acks = 0;
        for (; seq < 10; seq++) {
            t.onReceived(seq * MS, seq, 0);
            if (t.ackDue(seq * MS)) {
                t.buildAck(seq * MS, 0);
                acks++;
            }
        }
        assertEquals(5, acks, "every second packet until the link is known to be busy");
        for (acks = 0; seq < 110; seq++) {
            t.onReceived(seq * MS, seq, 0);
            if (t.ackDue(seq * MS)) {
                t.buildAck(seq * MS, 0);
                acks++;
            }
        }
        assertEquals(10, acks, "every tenth packet on the busy link");
    }

    @Test
    void slowLinkKeepsTheShortRatio() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 10, 256);
        int acks = 0;
        // 1 packet per 3 ms: 10 packets take 30 ms, more than 2 x the delayed-ack time.
        for (long seq = 0; seq < 100; seq++) {
            t.onReceived(seq * 3 * MS, seq, 0);
            if (t.ackDue(seq * 3 * MS)) {
                t.buildAck(seq * 3 * MS, 0);
                acks++;
            }
        }
        assertEquals(50, acks);
    }

    @Test
    void busyLinkThatPausesIsAckedByTheTimerAndThenAsASlowOne() {
        LinkAckTracker t = new LinkAckTracker(2, 10 * MS, 10, 256);
        long seq = 0;
        for (; seq < 20; seq++) {
            t.onReceived(seq * MS / 2, seq, 0);
        }
        t.buildAck(10 * MS, 0);
        t.onReceived(11 * MS, seq++, 0);
        assertFalse(t.ackDue(11 * MS), "still busy: waits for more packets...");
        assertTrue(t.ackDue(21 * MS), "...but not beyond the delayed-ack time");
        t.buildAck(21 * MS, 0);
        t.onReceived(200 * MS, seq++, 0);
        t.onReceived(201 * MS, seq, 0);
        assertTrue(t.ackDue(201 * MS), "after a pause the link is no longer busy: every second packet");
    }
}
