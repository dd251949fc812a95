package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.SenderRecorder;
import org.junit.jupiter.api.Test;

class RateCapTest {
    private static final long MS = 1_000_000L;

    @Test
    void paceAtTheCapWithAShortBurstAfterIdle() {
        RateCap cap = new RateCap(8_000_000); // 1 byte per µs
        assertEquals(Long.MIN_VALUE, cap.nextSendTimeNanos(), "nothing sent: no wait");
        long now = 100 * MS;
        cap.onSent(now, 928); // 1000 bytes on the wire: 1 ms
        assertTrue(cap.nextSendTimeNanos() <= now, "within the 2 ms burst");
        cap.onSent(now, 928);
        cap.onSent(now, 928);
        assertEquals(now + MS, cap.nextSendTimeNanos(), "three packets = 3 ms of sending, 2 of them burst");
        // Sent over a long stretch, the cap holds: n packets take n ms less the burst.
        long t = now + MS;
        for (int i = 0; i < 1000; i++) {
            t = Math.max(t, cap.nextSendTimeNanos());
            cap.onSent(t, 928);
        }
        assertEquals(now + 1001 * MS, cap.nextSendTimeNanos());
    }

    @Test
    void noCapNeverWaits() {
        RateCap cap = RateCap.NONE;
        cap.onSent(0, 1400);
        assertEquals(Long.MIN_VALUE, cap.nextSendTimeNanos());
    }

    @Test
    void aCappedLinkLeavesTheRestToTheOthers() {
        MultilinkSender<String> s = new MultilinkSender<>(MultilinkSettings.defaults());
        s.addLink(1, 1);
        s.addLink(2, 1);
        s.setRateCap(1, 1_000_000); // a 1000-byte packet costs 8.6 ms at 1 Mbit/s
        SenderRecorder<String> out = new SenderRecorder<>();
        for (int i = 0; i < 4; i++) {
            s.offer(0, "p" + i, 1000, out);
        }
        assertEquals(1, s.linkStats(1).packetsSent(), "the cap let one packet out on link 1");
        assertEquals(3, s.linkStats(2).packetsSent(), "link 2's window took the others");
        s.setRateCap(1, 0);
        s.offer(1 * MS, "uncapped", 1000, out);
        assertEquals(2, s.linkStats(1).packetsSent(), "no cap: the window decides again");
    }
}
