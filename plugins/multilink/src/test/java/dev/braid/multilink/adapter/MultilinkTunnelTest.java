package dev.braid.multilink.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.testing.TestIpPackets;
import dev.braid.core.tun.InMemoryTun;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.QueueDiscipline;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A proxy and a client with two links over loopback UDP, the multilink data path at both ends:
 * traffic in each direction arrives (loopback loses nothing, so at least 95 %), strictly in order,
 * without duplicates, and both links carry a fair part of it.
 */
class MultilinkTunnelTest {
    private static final int SERVER = Ipv4.parse("10.99.0.1");
    private static final int PACKETS = 1500;

    @TempDir
    Path dir;

    private LoopbackTunnel tunnel;

    @AfterEach
    void stop() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    /** With repair the adapter keeps a retained duplicate per packet in flight: leak detection watches it. */
    @ParameterizedTest(name = "repair-losses {0}")
    @ValueSource(booleans = {false, true})
    void stripesOverBothLinksAndDeliversInOrderBothWays(boolean repairLosses) throws Exception {
        // A queue instead of the paper's drop, deep in packets and in time, so that the test's
        // bursts of 1500 packets survive slow start from a window of 3; FIFO, because CoDel would
        // (rightly) drop from a queue that stands for seconds when a busy machine slows the links.
        MultilinkConfig multilink = new MultilinkConfig();
        multilink.setWhenNoRoom(dev.braid.multilink.protocol.NoRoomPolicy.QUEUE);
        multilink.setQueuePackets(2000);
        multilink.setQueueMaxDelay("10s");
        multilink.setQueueDiscipline(QueueDiscipline.FIFO);
        multilink.setRepairLosses(repairLosses);
        tunnel = LoopbackTunnel.start(dir, multilink, List.of(LinkConfig.named("a"), LinkConfig.named("b")), config -> {});
        InMemoryTun proxyTun = tunnel.proxyTun;
        InMemoryTun clientTun = tunnel.clientTun;
        int clientAddress = tunnel.clientAddress;

        assertWithStatus(() -> assertInOrderDelivery(clientTun, proxyTun, clientAddress, SERVER, dir.resolve("proxy.sock")));
        assertWithStatus(() -> assertInOrderDelivery(proxyTun, clientTun, SERVER, clientAddress, dir.resolve("client.sock")));
        String status = ControlSocket.request(dir.resolve("client.sock"), "status");
        assertTrue(status.contains("multilink a") && status.contains("multilink b"), status);
        for (String line : status.split("\n")) {
            if (line.trim().startsWith("0 ") || line.trim().startsWith("1 ")) {
                long packetsOut = Long.parseLong(line.trim().split("\\s+")[4]);
                assertTrue(packetsOut > PACKETS / 10, "a link carried almost nothing:\n" + status);
            }
        }
        // status --json: the path's figures per link under its name.
        JsonNode json = new ObjectMapper().readTree(ControlSocket.request(dir.resolve("client.sock"), "status-json"));
        for (JsonNode link : json.at("/sessions/0/links")) {
            JsonNode figures = link.get("multilink");
            assertTrue(figures.get("cwnd").asInt() > 0 && figures.get("packets_sent").asLong() > PACKETS / 10
                    && figures.has("congestion_control"), link.toString());
        }
        assertEquals(2, json.at("/sessions/0/links").size(), json.toString());
        JsonNode figures = json.at("/sessions/0/data_path_figures");
        assertTrue(figures.at("/resequencer/delivered").asLong() >= PACKETS / 2, figures.toString());
        assertEquals(1, figures.at("/flows/tracked").asInt(), "the test's one UDP flow: " + figures);
        assertEquals("udp", figures.at("/top_flows/0/flow").asText().split(" ")[0], figures.toString());
    }

    /** A check that may throw. */
    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check}; a failure carries client and proxy status (windows, resequencer counters). */
    private void assertWithStatus(Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage()
                    + "\nclient: " + ControlSocket.request(dir.resolve("client.sock"), "status")
                    + "\nproxy: " + ControlSocket.request(dir.resolve("proxy.sock"), "status"), e);
        }
    }

    /**
     * Paced sends (so CCID2 windows can open); most must arrive, once each, in order. The one
     * exception the design has: a packet whose hole the receiver gave up (its hold timeout expired,
     * e.g. while a busy machine did not schedule one link's reader) is delivered late, out of
     * order; every such delivery must be one the receiver counted as late.
     */
    private static void assertInOrderDelivery(InMemoryTun from, InMemoryTun to, int src, int dst, Path receiverSocket)
            throws Exception {
        Deliveries deliveries = new Deliveries();
        for (int i = 0; i < PACKETS; i++) {
            byte[] payload = new byte[1000];
            payload[0] = (byte) (i >>> 8);
            payload[1] = (byte) i;
            from.inject(TestIpPackets.udp(src, dst, payload));
            if (i % 20 == 19) {
                Thread.sleep(2);
            }
            ByteBuf packet;
            while ((packet = to.pollWritten(0, TimeUnit.MILLISECONDS)) != null) {
                deliveries.add(packet);
            }
        }
        // Until all arrived or none for 3 s: a busy machine drains the deep queue slowly.
        ByteBuf packet;
        while (deliveries.received < PACKETS && (packet = to.pollWritten(3, TimeUnit.SECONDS)) != null) {
            deliveries.add(packet);
        }
        assertTrue(deliveries.received >= PACKETS * 95 / 100,
                "only " + deliveries.received + " of " + PACKETS + " packets arrived");
        String status = ControlSocket.request(receiverSocket, "status");
        Matcher late = Pattern.compile("resequencer: .* late (\\d+)").matcher(status);
        assertTrue(late.find(), status);
        assertTrue(deliveries.outOfOrder <= Long.parseLong(late.group(1)),
                deliveries.outOfOrder + " out of order, more than the receiver's late deliveries:\n" + status);
    }

    /** What the receiving TUN got: each seq at most once; out-of-order ones counted. */
    private static final class Deliveries {
        private final BitSet seen = new BitSet(PACKETS);
        private int last = -1;
        private int received;
        private int outOfOrder;

        void add(ByteBuf packet) {
            try {
                int at = packet.readerIndex() + 28;
                int seq = packet.getUnsignedByte(at) << 8 | packet.getUnsignedByte(at + 1);
                assertTrue(!seen.get(seq), "duplicate: " + seq);
                seen.set(seq);
                received++;
                if (seq < last) {
                    outOfOrder++;
                } else {
                    last = seq;
                }
            } finally {
                packet.release();
            }
        }
    }
}
