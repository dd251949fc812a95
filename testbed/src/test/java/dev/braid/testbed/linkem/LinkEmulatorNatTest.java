package dev.braid.testbed.linkem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.LinkSpec;
import dev.braid.testbed.link.LinkSpecParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NAT behaviour and link events over real loopback sockets. */
class LinkEmulatorNatTest {

    private static final long MS = 1_000_000L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private DatagramSocket client;
    private DatagramSocket target;
    private DatagramSocket stranger;
    private LinkEmulator emulator;

    @BeforeEach
    void openSockets() throws Exception {
        client = socket();
        target = socket();
        stranger = socket();
    }

    @AfterEach
    void closeAll() {
        if (emulator != null) {
            emulator.close();
        }
        client.close();
        target.close();
        stranger.close();
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(2000);
        return s;
    }

    private LinkemConfig config(String spec) {
        LinkSpec link = new LinkSpecParser().parseLink(spec);
        return LinkemConfig.of(new InetSocketAddress(LOOPBACK, 0),
                (InetSocketAddress) target.getLocalSocketAddress(), link);
    }

    private static void send(DatagramSocket from, String text, InetSocketAddress to) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(data, data.length, to));
    }

    /** Receives one datagram; null if none came within the socket timeout. */
    private static DatagramPacket receive(DatagramSocket on) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            on.receive(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static String text(DatagramPacket p) {
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = SystemClock.INSTANCE.nanos() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (SystemClock.INSTANCE.nanos() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Test
    void relaysBothWaysThroughOneMappingPerClient() throws Exception {
        emulator = LinkEmulator.start(config("0/1ms"));
        send(client, "hello", emulator.listenAddress());
        DatagramPacket atTarget = receive(target);
        assertEquals("hello", text(atTarget));
        InetSocketAddress mapped = (InetSocketAddress) atTarget.getSocketAddress();
        assertNotEquals(emulator.listenAddress().getPort(), mapped.getPort(), "own outward port");

        send(target, "reply", mapped);
        DatagramPacket atClient = receive(client);
        assertEquals("reply", text(atClient));
        assertEquals(emulator.listenAddress(), atClient.getSocketAddress());

        send(stranger, "other client", emulator.listenAddress());
        DatagramPacket second = receive(target);
        assertNotEquals(mapped.getPort(), ((InetSocketAddress) second.getSocketAddress()).getPort());
        assertEquals(2, emulator.activeMappings());
        await(() -> emulator.counters(Direction.UP).forwarded() == 2, "two forwarded up");
        await(() -> emulator.counters(Direction.DOWN).forwarded() == 1, "one forwarded down");
        assertEquals("hello".length() + "other client".length(), emulator.counters(Direction.UP).forwardedBytes());
    }

    @Test
    void idleMappingTimesOutAndTheNextPacketGetsANewPort() throws Exception {
        emulator = LinkEmulator.start(config("").withNatTimeoutNanos(200 * MS));
        send(client, "one", emulator.listenAddress());
        int firstPort = ((InetSocketAddress) receive(target).getSocketAddress()).getPort();
        await(() -> emulator.activeMappings() == 0, "the idle mapping to expire");

        send(client, "two", emulator.listenAddress());
        DatagramPacket second = receive(target);
        assertEquals("two", text(second));
        assertNotEquals(firstPort, ((InetSocketAddress) second.getSocketAddress()).getPort());
        assertEquals(2, emulator.mappingsCreated());
    }

    @Test
    void activeMappingKeepsItsPort() throws Exception {
        emulator = LinkEmulator.start(config("").withNatTimeoutNanos(2000 * MS));
        send(client, "a", emulator.listenAddress());
        int port = ((InetSocketAddress) receive(target).getSocketAddress()).getPort();
        send(client, "b", emulator.listenAddress());
        assertEquals(port, ((InetSocketAddress) receive(target).getSocketAddress()).getPort());
        assertEquals(1, emulator.mappingsCreated());
    }

    @Test
    void forcedRebindingMovesTheClientToANewPortAndLosesRepliesToTheOld() throws Exception {
        emulator = LinkEmulator.start(config(""));
        send(client, "before", emulator.listenAddress());
        InetSocketAddress oldMapped = (InetSocketAddress) receive(target).getSocketAddress();

        emulator.rebindNow();
        send(client, "after", emulator.listenAddress());
        DatagramPacket after = receive(target);
        assertEquals("after", text(after));
        assertNotEquals(oldMapped.getPort(), ((InetSocketAddress) after.getSocketAddress()).getPort());

        send(target, "to old port", oldMapped);
        send(target, "to new port", (InetSocketAddress) after.getSocketAddress());
        assertEquals("to new port", text(receive(client)));
    }

    @Test
    void endpointDependentFilteringDropsRepliesFromOthers() throws Exception {
        emulator = LinkEmulator.start(config("").withEndpointDependentFiltering(true));
        send(client, "hi", emulator.listenAddress());
        InetSocketAddress mapped = (InetSocketAddress) receive(target).getSocketAddress();

        send(stranger, "spoof", mapped);
        await(() -> emulator.counters(Direction.DOWN).dropped(RelayDropReason.NAT_FILTERED) == 1, "a filtered drop");
        send(target, "real", mapped);
        assertEquals("real", text(receive(client)));
    }

    @Test
    void endpointIndependentFilteringLetsOthersThrough() throws Exception {
        emulator = LinkEmulator.start(config(""));
        send(client, "hi", emulator.listenAddress());
        InetSocketAddress mapped = (InetSocketAddress) receive(target).getSocketAddress();
        send(stranger, "from elsewhere", mapped);
        assertEquals("from elsewhere", text(receive(client)));
    }

    @Test
    void scheduledDownEventDropsTraffic() throws Exception {
        emulator = LinkEmulator.start(config("0/1ms,at=0s:down"));
        for (int i = 0; i < 20; i++) {
            send(client, "lost " + i, emulator.listenAddress());
        }
        await(() -> emulator.counters(Direction.UP).dropped(RelayDropReason.LINK_DOWN) == 20, "20 link-down drops");
        target.setSoTimeout(100);
        assertNull(receive(target));
        assertEquals(0, emulator.counters(Direction.UP).forwarded());
    }

    @Test
    void linkDownAndUpAtRuntime() throws Exception {
        emulator = LinkEmulator.start(config(""));
        emulator.setLinkUp(false);
        send(client, "dropped", emulator.listenAddress());
        await(() -> emulator.counters(Direction.UP).dropped(RelayDropReason.LINK_DOWN) == 1, "a link-down drop");
        emulator.setLinkUp(true);
        send(client, "delivered", emulator.listenAddress());
        assertEquals("delivered", text(receive(target)));
    }

    @Test
    void delayChangeAtRuntimeAppliesToLaterPackets() throws Exception {
        emulator = LinkEmulator.start(config("0/1ms"));
        emulator.setDelay(Direction.UP, 300 * MS);
        long sentAt = SystemClock.INSTANCE.nanos();
        send(client, "slow", emulator.listenAddress());
        assertEquals("slow", text(receive(target)));
        assertTrue(SystemClock.INSTANCE.nanos() - sentAt >= 300 * MS, "held for the new delay");
    }
}
