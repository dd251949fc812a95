package dev.braid.natprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.session.Session;
import dev.braid.core.session.SessionIdentity;
import dev.braid.core.session.SingleLinkDataPath;
import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.core.testing.PlainSessionCrypto;
import dev.braid.core.testing.VirtualTimeChannels;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin inside two real core {@link Session}s (client and proxy) wired back to back through
 * embedded channels and a toy NAT, in virtual time: the core's event order, control dispatch,
 * timers and buffer ownership as they really are.
 */
class NatProbeSessionTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress NAT_A = new InetSocketAddress("127.0.0.5", 50000);
    private static final InetSocketAddress NAT_B = new InetSocketAddress("127.0.0.5", 50001);

    private long now = 1_000 * MS;
    private final EmbeddedChannel clientChannel = new EmbeddedChannel();
    private final EmbeddedChannel proxyChannel = new EmbeddedChannel();
    private final DropCounters clientDrops = new DropCounters();
    private final DropCounters proxyDrops = new DropCounters();
    private final VirtualTimeChannels time = new VirtualTimeChannels(List.of(clientChannel, proxyChannel), () -> now,
            t -> now = t, this::deliver);
    private Session client;
    private Session proxy;
    private NatProbeExtension clientExtension;
    /** The client's public address through the NAT; datagrams to any other address are lost. */
    private InetSocketAddress mapping = NAT_A;
    private boolean pathAlive = true;
    private long clientChannelDatagrams;

    @BeforeEach
    void connect() {
        NatProbeExtensionFactory factory = new NatProbeExtensionFactory(new NatProbeConfig());
        Capturing clientFactory = new Capturing(factory);
        Capturing proxyFactory = new Capturing(factory);
        client = new Session(new SessionIdentity(9, Role.CLIENT, "alice", 0x0a000002), new PlainSessionCrypto(),
                clientChannel.eventLoop(), () -> now, UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, clientDrops, s -> { });
        proxy = new Session(new SessionIdentity(9, Role.PROXY, "alice", 0x0a000002), new PlainSessionCrypto(),
                proxyChannel.eventLoop(), () -> now, UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, proxyDrops, s -> { });
        client.start(new SingleLinkDataPath.Factory(), List.of(clientFactory));
        proxy.start(new SingleLinkDataPath.Factory(), List.of(proxyFactory));
        clientExtension = clientFactory.created;
        proxy.addLink(1, "eth0", proxyChannel, NAT_A);
        client.addLink(1, "eth0", clientChannel, PROXY);
    }

    @AfterEach
    void closeChannels() {
        client.close(false);
        proxy.close(false);
        clientChannel.finishAndReleaseAll();
        proxyChannel.finishAndReleaseAll();
    }

    @Test
    void clientLearnsItsPublicAddressAndRttFromTheFirstProbe() {
        advance(50 * MS);
        LinkProbeStatus status = clientStatus();
        assertEquals(NAT_A, status.observedAddress());
        assertTrue(status.srttNanos() >= 0);
        assertEquals(0, clientDrops.total() + proxyDrops.total(), "nothing dropped");
    }

    @Test
    void proxyFollowsANatRebindingOnlyAfterValidatingIt() {
        advance(50 * MS);
        mapping = NAT_B; // the NAT forgets the old mapping and picks a new port
        advance(15_000 * MS); // the next keepalive leaves through the new mapping

        assertEquals(NAT_B, proxy.link(1).remoteAddress(), "moved after the path response");
        assertEquals(NAT_B, clientStatus().observedAddress(), "the client saw its new public address");
        assertTrue(client.link(1).isUp());
        assertEquals(0, proxyDrops.get(DropReason.UNKNOWN_CONTROL_TYPE) + proxyDrops.get(DropReason.MALFORMED_BODY));
    }

    @Test
    void deadPathIsMarkedDownAndComesBackWithoutClosingTheSession() {
        advance(50 * MS);
        pathAlive = false;
        advance(16_000 * MS); // the 15 s keepalive goes unanswered
        assertFalse(client.link(1).isUp());
        assertFalse(client.isClosed());

        pathAlive = true;
        advance(600 * MS);
        assertTrue(client.link(1).isUp());
    }

    @Test
    void aLinkThatStaysDeadIsProbedEverMoreRarelyAndDroppedAfterFiveMinutes() {
        advance(50 * MS);
        pathAlive = false;
        advance(16_000 * MS);
        assertFalse(client.link(1).isUp());
        long sentAtMinuteFour = 0;
        for (int second = 16; second < 6 * 60; second++) {
            advance(1_000 * MS);
            if (second == 4 * 60) {
                sentAtMinuteFour = clientChannelDatagrams;
            }
            if (second == 4 * 60 + 60) {
                assertTrue(clientChannelDatagrams - sentAtMinuteFour <= 3, "probes in minute five: "
                        + (clientChannelDatagrams - sentAtMinuteFour));
            }
        }
        assertEquals(null, client.link(1), "dropped from the session after 5 min DOWN");
        assertEquals(1, client.linksExpired());
        assertFalse(client.isClosed(), "the session stays");
    }

    @Test
    void pathThatDiesUnderTrafficIsDownWithinASecond() {
        advance(50 * MS);
        for (int i = 0; i < 100; i++) { // answered traffic: the link stays up
            client.onTunPacket(ipv4Packet());
            advance(10 * MS);
        }
        assertTrue(client.link(1).isUp());
        pathAlive = false;
        long diedAt = now;
        while (client.link(1).isUp() && now - diedAt < 2_000 * MS) {
            client.onTunPacket(ipv4Packet());
            advance(10 * MS);
        }
        assertFalse(client.link(1).isUp());
        assertTrue(now - diedAt <= 1_000 * MS, "down after " + (now - diedAt) / MS + " ms");
        assertTrue(now - diedAt >= 700 * MS, "not before the threshold: " + (now - diedAt) / MS + " ms");
    }

    /** A 20-byte IPv4 header from the client's own address (the proxy forwards only those). */
    private static ByteBuf ipv4Packet() {
        ByteBuf packet = UnpooledByteBufAllocator.DEFAULT.heapBuffer(20);
        packet.writeByte(0x45).writeByte(0).writeShort(20).writeInt(0).writeByte(64).writeByte(17).writeShort(0);
        packet.writeInt(0x0a000002).writeInt(0x0a000001);
        return packet;
    }

    // ---------------------------------------------------------------- the world

    /** Moves virtual time in 5 ms steps, firing both sessions' timers and delivering datagrams. */
    private void advance(long nanos) {
        time.advance(nanos, 5 * MS);
    }

    private void deliver() {
        for (boolean moved = true; moved; ) {
            moved = false;
            for (DatagramPacket p; (p = clientChannel.readOutbound()) != null; moved = true) {
                clientChannelDatagrams++;
                if (pathAlive) {
                    receive(proxy, p.content(), mapping); // the NAT rewrites the source
                } else {
                    p.release();
                }
            }
            for (DatagramPacket p; (p = proxyChannel.readOutbound()) != null; moved = true) {
                if (pathAlive && p.recipient().equals(mapping)) {
                    receive(client, p.content(), PROXY);
                } else {
                    p.release(); // no mapping for that address, or the path is dead
                }
            }
        }
    }

    /** Takes ownership of {@code datagram}. */
    private static void receive(Session session, ByteBuf datagram, InetSocketAddress sender) {
        BraidHeader header = BraidHeader.readFrom(datagram);
        session.onDatagram(header, session.link(header.linkId()), datagram, sender);
    }

    private LinkProbeStatus clientStatus() {
        return clientExtension.probeStatus().get(0);
    }

    /** The real factory, keeping the extension it made so the test can read its status. */
    private static final class Capturing implements SessionExtensionFactory {
        private final SessionExtensionFactory delegate;
        NatProbeExtension created;

        Capturing(SessionExtensionFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<Integer> controlTypes() {
            return delegate.controlTypes();
        }

        @Override
        public SessionExtension create(ExtensionContext session) {
            created = (NatProbeExtension) delegate.create(session);
            return created;
        }
    }
}
