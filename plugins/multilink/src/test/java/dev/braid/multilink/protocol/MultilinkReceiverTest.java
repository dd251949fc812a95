package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.multilink.protocol.Recorders.ReceiverRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilinkReceiverTest {
    private static final long MS = 1_000_000L;

    private final ReceiverRecorder<Long> out = new ReceiverRecorder<>();

    private static DataHeader header(long global, long linkSeq, long sentNanos) {
        return DataHeader.of(global, linkSeq, sentNanos);
    }

    @Test
    void acksEverySecondPacketAndDelayedAckForTheOddOne() {
        MultilinkReceiver<Long> r = new MultilinkReceiver<>(MultilinkSettings.defaults());
        r.onData(10 * MS, 1, header(0, 0, 0), 0L, 100, out);
        assertEquals(List.of(), out.acks);
        assertEquals(20 * MS, r.nextDeadlineNanos());
        r.onData(11 * MS, 1, header(1, 1, 1 * MS), 1L, 100, out);
        assertEquals(1, out.acks.size());
        assertEquals(1, out.acks.get(0).ack().ackNumber());
        r.onData(12 * MS, 1, header(2, 2, 2 * MS), 2L, 100, out);
        r.onTimer(21 * MS, out);
        assertEquals(1, out.acks.size());
        r.onTimer(22 * MS, out);
        assertEquals(2, out.acks.size());
        AckMessage a = out.acks.get(1).ack();
        assertEquals(2, a.ackNumber());
        assertEquals(10_000, a.ackDelayMicros());
        assertEquals(2, a.highestGlobalSeq());
        assertEquals(2000, a.echoTimestampMicros());
        assertEquals(List.of(0L, 1L, 2L), out.delivered);
    }

    @Test
    void linkSeqGapFromWireHeadersSkipsLostGlobal() {
        MultilinkReceiver<Long> r = new MultilinkReceiver<>(MultilinkSettings.defaults());
        r.addLink(0, 1);
        r.addLink(0, 2);
        r.onData(10 * MS, 2, header(0, 0, 0), 0L, 100, out);
        r.onData(10 * MS, 1, header(1, 0, 0), 1L, 100, out);
        r.onData(12 * MS, 1, header(3, 2, 2 * MS), 3L, 100, out); // link seq 1 (global 2) lost
        assertEquals(List.of(0L, 1L, 3L), out.delivered);
        assertEquals(1, r.linkLost(1));
        assertEquals(2, r.linkPackets(1));
    }

    @Test
    void wireValuesBeforeTheStartAreTooOld() {
        MultilinkReceiver<Long> r = new MultilinkReceiver<>(MultilinkSettings.defaults());
        long base = (1L << 32) - 2;
        for (long i = 0; i < 5; i++) {
            // global counters beyond 2^32 on the wire wrap; the receiver counts on
            r.onData(i * MS, 1, new DataHeader((int) (base + i), (int) (base + i), 0), base + i, 1, out);
        }
        // Sessions start at global 0: wire values 2^32-2 and 2^32-1 unwrap to -2 and -1.
        r.flush(out);
        assertEquals(List.of(base + 2, base + 3, base + 4), out.delivered); // wire 0, 1, 2
        assertEquals(List.of(DiscardReason.TOO_OLD, DiscardReason.TOO_OLD),
                out.discarded.stream().map(Recorders.Discarded::reason).toList());
    }

    @Test
    void removingALinkUnblocksTheFifoRule() {
        MultilinkReceiver<Long> r = new MultilinkReceiver<>(MultilinkSettings.defaults());
        r.addLink(0, 1);
        r.addLink(0, 2);
        r.onData(10 * MS, 1, header(1, 0, 0), 1L, 100, out); // 0 was on link 2
        assertEquals(List.of(), out.delivered);
        r.removeLink(11 * MS, 2, out);
        assertEquals(List.of(1L), out.delivered);
    }

    @Test
    void settingsDefaultsAndValidation() {
        MultilinkSettings d = MultilinkSettings.defaults();
        assertEquals("most-free-window", d.scheduler());
        assertEquals("ccid2", d.congestionControl());
        assertEquals(NoRoomPolicy.DROP, d.noRoomPolicy());
        assertEquals(200 * MS, d.minRtoNanos());
        assertEquals(1000 * MS, d.initialRtoNanos());
        assertEquals(2, d.ackRatio());
        assertEquals(10 * MS, d.delayedAckNanos());
        assertEquals(d, d.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> MultilinkSettings.builder().ackRatio(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> MultilinkSettings.builder().minRtoNanos(2000 * MS).build());
        assertThrows(IllegalArgumentException.class,
                () -> MultilinkSettings.builder().ackVectorPackets(5000).build());
    }
}
