package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a busy link grew (sent-packet history, copies kept for repair) goes back once nothing is in flight. */
class SentHistoryReleaseTest {
    private static final long MS = 1_000_000L;
    private static final int SENT = 1000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ccid2", "bbr"})
    void theHistoryShrinksOnlyWhenEverySentPacketWasAcked(String name) {
        MultilinkSettings settings = MultilinkSettings.defaults().toBuilder().congestionControl(name).build();
        CongestionControl cc = CongestionControls.create(name, settings);
        for (long seq = 0; seq < SENT; seq++) {
            cc.onSent(seq * 10_000, seq);
        }
        long now = 20 * MS;
        cc.onAck(now, new AckInfo(SENT - 2, 0, new long[] {SENT - 2, 0}), PacketFates.IGNORE);
        cc.releaseIdle();
        assertTrue(historyCapacity(cc) >= SENT, "one packet is still in flight");
        cc.onAck(now + MS, new AckInfo(SENT - 1, 0, new long[] {SENT - 1, 0}), PacketFates.IGNORE);
        cc.releaseIdle();
        assertEquals(16, historyCapacity(cc), "the first size");
        assertEquals(0, cc.pipe());
        cc.onSent(now + 2 * MS, SENT);
        cc.onAck(now + 3 * MS, new AckInfo(SENT, 0, new long[] {SENT, SENT}), PacketFates.IGNORE);
        assertEquals(0, cc.pipe(), "sends and acks go on after the release");
    }

    private static int historyCapacity(CongestionControl cc) {
        return cc instanceof Bbr bbr ? bbr.historyCapacity() : ((Ccid2) cc).historyCapacity();
    }

    @Test
    void theCopyRingShrinksOnlyWhenNoCopyIsKept() {
        List<Integer> released = new ArrayList<>();
        PacketCopier<Integer> copier = new PacketCopier<>() {
            @Override
            public Integer copy(Integer packet) {
                return packet;
            }

            @Override
            public void release(Integer copy) {
                released.add(copy);
            }
        };
        InFlightCopies<Integer> copies = new InFlightCopies<>(copier, c -> { });
        for (int seq = 0; seq < SENT; seq++) {
            copies.add(seq, new InFlightCopies.Copy<>(seq, 0, seq, 100, 0));
        }
        assertEquals(1024, copies.capacity());
        for (int seq = 0; seq < SENT - 1; seq++) {
            copies.acked(seq);
        }
        copies.releaseIdle();
        assertEquals(1024, copies.capacity(), "one copy is still kept");
        copies.acked(SENT - 1);
        copies.releaseIdle();
        assertEquals(16, copies.capacity(), "the first size");
        assertEquals(SENT, released.size());
        copies.add(SENT, new InFlightCopies.Copy<>(SENT, 0, SENT, 100, 0));
        copies.acked(SENT);
        assertEquals(SENT + 1, released.size(), "kept and released after the shrink");
    }
}
