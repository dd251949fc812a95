package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowHoldsTest {
    private static final long MS = 1_000_000L;

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 7);
    private final PacketFacts facts = new PacketFacts();

    private PacketFacts udp(int srcPort) {
        return parser.parse(InnerPackets.udp4("10.0.0.2", srcPort, "10.0.0.1", 9, 1000), facts);
    }

    @Test
    void theFlowsThatWaitedLongestComeFirstWithTheirMeanAndMax() {
        FlowHolds holds = new FlowHolds(FlowSettings.defaults());
        holds.record(0, udp(1000), 1028, 2 * MS);
        holds.record(0, udp(2000), 1028, 30 * MS);
        holds.record(0, udp(1000), 1028, 4 * MS);
        assertEquals(List.of(
                new FlowHolds.Held("udp 10.0.0.2:2000 > 10.0.0.1:9", 1, 30 * MS, 30 * MS),
                new FlowHolds.Held("udp 10.0.0.2:1000 > 10.0.0.1:9", 2, 3 * MS, 4 * MS)), holds.top(5));
        assertEquals(3, holds.heldPackets());
    }

    @Test
    void aNewFlowInAReusedSlotStartsFromNothing() {
        FlowHolds holds = new FlowHolds(FlowSettings.builder().maxFlows(16).flowIdleNanos(10 * MS).build());
        holds.record(0, udp(1000), 1028, 50 * MS);
        for (int port = 3000; port < 3016; port++) { // after the first flow's idle time: its slot is taken again
            holds.record(20 * MS, udp(port), 1028, MS);
        }
        assertEquals(16, holds.top(100).size());
        assertEquals(MS, holds.top(1).get(0).maxHoldNanos(), "the 50 ms of the expired flow are gone");
    }
}
