package dev.braid.multilink.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.LinkCounters;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionContext;
import dev.braid.core.testing.TestIpPackets;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.LiveScheduler;
import dev.braid.multilink.MultilinkConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two multilink data paths back to back in virtual time (each datagram handed straight to the
 * other end, link 2 held back on demand to reorder): what a burst of reordered traffic over many
 * flows grew is given back once the session has been quiet for the flows' idle time, and traffic
 * goes on after.
 */
class MultilinkDataPathIdleTest {
    private static final long MS = 1_000_000L;
    private static final long IDLE = 30_000 * MS;
    private static final int SERVER = Ipv4.parse("10.99.0.1");

    private long now = 1_000 * MS;
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private final Peer client = new Peer(Role.CLIENT);
    private final Peer proxy = new Peer(Role.PROXY);

    @AfterEach
    void close() {
        client.path.close();
        proxy.path.close();
        pump();
        proxy.releaseTun();
        client.releaseTun();
    }

    @Test
    void aQuietSessionGivesBackWhatAReorderedBurstGrew() {
        client.other = proxy;
        proxy.other = client;
        client.holdLink2 = true;
        for (int i = 0; i < 400; i++) {
            int flow = i % 40;
            client.path.onTunPacket(now, TestIpPackets.udp(Ipv4.parse("10.0.0.2") + (flow << 8), SERVER, new byte[1200])); // bulk: scheduled over both links
            pump();
            runTimersUntil(now + 50_000);
        }
        client.holdLink2 = false;
        assertTrue(client.heldOnLink2.size() > 0, "link 2 carried a share: " + client.path.status());
        Map<?, ?> busy = memory(proxy);
        Map<?, ?> busyClient = memory(client);
        assertTrue((Integer) busy.get("resequencer_ring") > 16, "held behind link 2: " + busy);
        assertEquals(64, busyClient.get("flow_slots"), "40 flows: 8, 16, 32, 64");
        client.releaseHeld();
        pump();
        runTimersUntil(now + 2_000 * MS);
        int delivered = proxy.tun.size();
        assertEquals(400, delivered, "every packet, the held ones after link 2 caught up");

        runTimersUntil(now + IDLE);
        assertEquals(Map.of("flow_slots", 8, "held_flow_slots", 8, "resequencer_ring", 16), Map.copyOf(memory(proxy)));
        assertEquals(8, memory(client).get("flow_slots"));
        assertEquals(Long.MAX_VALUE, proxy.path.nextDeadlineNanos(), "released: no idle deadline until new traffic");

        client.path.onTunPacket(now, TestIpPackets.udp(Ipv4.parse("10.0.0.2"), SERVER, new byte[200]));
        pump();
        assertEquals(delivered + 1, proxy.tun.size(), "traffic goes on after the release");
    }

    private static Map<?, ?> memory(Peer peer) {
        return (Map<?, ?>) peer.path.statusFigures().get("memory");
    }

    private void pump() {
        for (Runnable r; (r = wire.poll()) != null; ) {
            r.run();
        }
    }

    /** Moves the clock to {@code until}, firing every deadline on the way at its time (acks, holds, the idle release). */
    private void runTimersUntil(long until) {
        for (int rounds = 0; rounds < 100_000; rounds++) {
            long due = Math.min(client.path.nextDeadlineNanos(), proxy.path.nextDeadlineNanos());
            if (due > until) {
                break;
            }
            now = Math.max(now, due);
            client.path.onTimer(now);
            proxy.path.onTimer(now);
            pump();
        }
        now = until;
    }

    /** One end: its data path, two links, a TUN that keeps what it is given. */
    private final class Peer implements SessionContext {
        final Role role;
        final List<LinkHandle> links = List.of(new Handle(1, "link1"), new Handle(2, "link2"));
        final MultilinkDataPath path;
        final List<ByteBuf> tun = new ArrayList<>();
        final List<ByteBuf> heldOnLink2 = new ArrayList<>();
        Peer other;
        boolean holdLink2;

        Peer(Role role) {
            this.role = role;
            MultilinkConfig config = new MultilinkConfig();
            this.path = new MultilinkDataPath(this, config.toSettings(), Map.of(), new LiveScheduler(config));
            for (LinkHandle link : links) {
                path.onLinkAdded(now, link);
            }
        }

        void releaseHeld() {
            for (ByteBuf payload : heldOnLink2) {
                wire.add(() -> other.path.onLinkData(now, other.links.get(1), payload));
            }
            heldOnLink2.clear();
        }

        void releaseTun() {
            tun.forEach(ByteBuf::release);
            heldOnLink2.forEach(ByteBuf::release);
        }

        @Override
        public int sessionId() {
            return 7;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public List<LinkHandle> links() {
            return links;
        }

        @Override
        public Clock clock() {
            return () -> now;
        }

        @Override
        public ByteBufAllocator alloc() {
            return UnpooledByteBufAllocator.DEFAULT;
        }

        @Override
        public void sendData(LinkHandle link, ByteBuf payload) {
            if (holdLink2 && link.id() == 2) {
                heldOnLink2.add(payload);
                return;
            }
            LinkHandle there = other.links.get(link.id() - 1);
            wire.add(() -> other.path.onLinkData(now, there, payload));
        }

        @Override
        public void sendControl(LinkHandle link, int controlType, ByteBuf body) {
            LinkHandle there = other.links.get(link.id() - 1);
            wire.add(() -> {
                other.path.onControl(now, there, controlType, body);
                body.release();
            });
        }

        @Override
        public void deliverToTun(ByteBuf packet) {
            tun.add(packet);
        }

        @Override
        public void countDrop(DropReason reason) {
        }
    }

    private record Handle(int id, String name) implements LinkHandle {
        private static final LinkCounters COUNTERS = new LinkCounters();

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 7600 + id);
        }

        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public LinkCounters counters() {
            return COUNTERS;
        }
    }
}
