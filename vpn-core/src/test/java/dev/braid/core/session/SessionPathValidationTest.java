package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.path.PathMtuProbe;
import dev.braid.core.path.PathValidator;
import dev.braid.core.spi.Role;
import dev.braid.core.testing.PlainSessionCrypto;
import dev.braid.core.testing.VirtualTimeChannels;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.ControlType;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real core sessions (client and proxy, no plugins) back to back through embedded channels
 * and a toy NAT, in virtual time: path validation, anti-amplification, link expiry and path MTU
 * probing as the session performs them, with real buffer ownership (run with paranoid leak
 * detection).
 */
class SessionPathValidationTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress NAT_A = new InetSocketAddress("127.0.0.5", 50000);
    private static final InetSocketAddress NAT_B = new InetSocketAddress("127.0.0.5", 50001);
    private static final InetSocketAddress VICTIM = new InetSocketAddress("127.0.0.66", 53);

    private long now = 1_000 * MS;
    private final EmbeddedChannel clientChannel = new EmbeddedChannel();
    private final EmbeddedChannel proxyChannel = new EmbeddedChannel();
    private final DropCounters clientDrops = new DropCounters();
    private final DropCounters proxyDrops = new DropCounters();
    private final List<Link> expired = new ArrayList<>();
    private final VirtualTimeChannels time = new VirtualTimeChannels(List.of(clientChannel, proxyChannel), () -> now,
            t -> now = t, this::deliver);
    private Session client;
    private Session proxy;
    /** Where the client's datagrams appear to come from (the NAT's mapping, or a spoofer's pick). */
    private InetSocketAddress mapping = NAT_A;
    /** An attacker that re-sends every client datagram from this address, ahead of the original. */
    private InetSocketAddress relayFrom;
    private long bytesToVictim;
    private long bytesFromVictim;
    private long dataToVictim;
    /** The largest outer IPv4 packet the path carries; larger datagrams vanish (DF set, no ICMP). */
    private int pathMtu = 65535;
    private final List<Integer> proxyTunnelMtus = new ArrayList<>();

    @BeforeEach
    void connect() {
        LinkPolicy policy = new LinkPolicy(Duration.ofMinutes(5), PathValidator.Settings.defaults(), new Random(7));
        client = new Session(new SessionIdentity(9, Role.CLIENT, "alice", 0x0a000002), new PlainSessionCrypto(),
                clientChannel.eventLoop(), () -> now, UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, clientDrops,
                s -> { }, policy);
        proxy = new Session(new SessionIdentity(9, Role.PROXY, "alice", 0x0a000002), new PlainSessionCrypto(),
                proxyChannel.eventLoop(), () -> now, UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, proxyDrops,
                new SessionEvents() {
                    @Override
                    public void linkExpired(Session session, Link link) {
                        expired.add(link);
                    }

                    @Override
                    public void tunnelMtuChanged(Session session, int mtu) {
                        proxyTunnelMtus.add(mtu);
                    }

                    @Override
                    public void closed(Session session) {
                    }
                }, policy);
        client.start(new SingleLinkDataPath.Factory(), List.of());
        proxy.start(new SingleLinkDataPath.Factory(), List.of());
        proxy.addLink(1, "a", proxyChannel, NAT_A); // proven by the login's cookie
        client.addLink(1, "a", clientChannel, PROXY);
    }

    @AfterEach
    void closeChannels() {
        client.close(false);
        proxy.close(false);
        advance(5 * MS);
        clientChannel.finishAndReleaseAll();
        proxyChannel.finishAndReleaseAll();
    }

    @Test
    void authenticDatagramsRelayedFromASpoofedAddressDoNotMoveTheLinkNorReflectMoreThanThreeTimes() {
        relayFrom = VICTIM;
        for (int i = 0; i < 200; i++) { // the 200 relayed datagrams of issue 19's reflection run
            client.sendKeepalive(client.link(1));
            client.onTunPacket(ipv4Packet(0x0a000002, 0x0a000001));
            proxy.onTunPacket(ipv4Packet(0x0a000001, 0x0a000002));
            advance(5 * MS);
        }
        assertEquals(NAT_A, proxy.link(1).remoteAddress(), "the link did not move");
        assertTrue(proxy.link(1).isUp());
        assertEquals(0, dataToVictim, "no data to the unvalidated address");
        assertTrue(bytesToVictim > 0, "it was challenged");
        assertTrue(bytesToVictim <= 3 * bytesFromVictim, bytesToVictim + " bytes sent for " + bytesFromVictim);
        // Challenges: one plus 3 retries, then the address is held down.
        long afterGivingUp = bytesToVictim;
        for (int i = 0; i < 200; i++) {
            client.sendKeepalive(client.link(1));
            advance(5 * MS);
        }
        assertEquals(afterGivingUp, bytesToVictim, "nothing more after the challenge failed");
        System.out.println("[path] relayed from the victim: " + bytesFromVictim + " bytes; sent to it: " + bytesToVictim
                + " bytes, " + (afterGivingUp == bytesToVictim ? "none" : "some") + " after the challenge failed");
        assertEquals(4 * (BraidHeader.LENGTH + 1 + PathValidator.CHALLENGE_LENGTH), bytesToVictim);
        assertEquals(1, proxy.pathsAbandoned());
    }

    @Test
    void aNatRebindingMovesTheLinkAfterOneRoundTripAndDataFollows() {
        advance(10 * MS);
        mapping = NAT_B;
        client.onTunPacket(ipv4Packet(0x0a000002, 0x0a000001));
        long rebound = now;
        while (!proxy.link(1).remoteAddress().equals(NAT_B) && now - rebound < 1_000 * MS) {
            advance(1 * MS);
        }
        assertEquals(NAT_B, proxy.link(1).remoteAddress());
        assertTrue(now - rebound <= 5 * MS, "validated within one round trip, took " + (now - rebound) / MS + " ms");
        assertEquals(0, proxyDrops.get(DropReason.UNMATCHED_PATH_RESPONSE));
        long before = client.link(1).counters().packetsIn();
        proxy.onTunPacket(ipv4Packet(0x0a000001, 0x0a000002));
        advance(5 * MS);
        assertEquals(before + 1, client.link(1).counters().packetsIn(), "data reaches the client at its new address");
    }

    @Test
    void aNewLinkCarriesNoDataUntilItAnswersItsChallenge() {
        EmbeddedChannel secondChannel = new EmbeddedChannel();
        try {
            secondChannel.freezeTime();
            Link b = client.addLink(2, "b", secondChannel, PROXY);
            client.sendControl(b, ControlType.JOIN, joinBody("b"));
            DatagramPacket join = secondChannel.readOutbound();
            receive(proxy, join.content(), NAT_B); // the JOIN reaches the proxy from b's NAT
            Link joined = proxy.link(2);
            assertNotNull(joined);
            assertFalse(joined.isValidated());
            assertFalse(joined.isUp(), "validating: no data yet");
            DatagramPacket challenge = proxyChannel.readOutbound();
            assertEquals(NAT_B, challenge.recipient());
            receive(client, challenge.content(), PROXY); // delivered over b's socket in reality
            DatagramPacket response = secondChannel.readOutbound();
            receive(proxy, response.content(), NAT_B);
            assertTrue(proxy.link(2).isValidated());
            assertTrue(proxy.link(2).isUp());
        } finally {
            secondChannel.finishAndReleaseAll();
        }
    }

    @Test
    void aNewLinkFromASpoofedAddressIsChallengedWithinBudgetAndRemovedWhenItNeverAnswers() {
        client.addLink(3, "spoofed", clientChannel, PROXY);
        client.sendControl(client.link(3), ControlType.JOIN, joinBody("spoofed"));
        DatagramPacket join = clientChannel.readOutbound();
        bytesFromVictim += join.content().readableBytes();
        receive(proxy, join.content(), VICTIM); // an insider's JOIN with the victim's source address
        assertNotNull(proxy.link(3));
        advance(2_000 * MS);
        assertNull(proxy.link(3), "never validated: removed");
        assertTrue(bytesToVictim <= 3 * bytesFromVictim, bytesToVictim + " bytes sent for " + bytesFromVictim);
        assertTrue(proxyDrops.get(DropReason.AMPLIFICATION_LIMIT) > 0, "over-budget sends are counted drops");
        assertEquals(NAT_A, proxy.link(1).remoteAddress());
    }

    @Test
    void aLinkDownForTheTimeoutIsDroppedOnceAndCounted() {
        Link link = proxy.link(1);
        proxy.setLinkUp(link, false);
        advance(4 * 60_000 * MS);
        assertNotNull(proxy.link(1), "not before the timeout");
        proxy.setLinkUp(link, true);
        proxy.setLinkUp(link, false); // down again: the clock starts over
        advance(4 * 60_000 * MS + 59_000 * MS);
        assertNotNull(proxy.link(1));
        advance(2_000 * MS);
        assertNull(proxy.link(1), "dropped after 5 min DOWN");
        assertEquals(1, proxy.linksExpired());
        assertEquals(List.of(link), expired);
        StringBuilder status = new StringBuilder();
        SessionStatus.append(status, proxy);
        assertTrue(status.toString().contains("links dropped after being DOWN too long: 1"), status.toString());
    }

    @Test
    void theClientProbesA1280PathAndBothEndsLowerTheTunnelMtuAndClampToIt() {
        pathMtu = 1280;
        client.mtu().configure(1400, PathMtuProbe.Settings.defaults());
        client.mtu().probe(client.link(1), 1500);
        advance(20_000 * MS);
        // Outer IPv4 20 + UDP 8 + Braid header 12 (+ no tag with the plain test crypto).
        int expected = 1280 - 40;
        assertEquals(1280, client.link(1).pathMtu());
        assertEquals(expected, client.mtu().tunnelMtu());
        assertEquals(1280, proxy.link(1).pathMtu(), "reported by the client");
        assertEquals(expected, proxy.mtu().tunnelMtu());
        assertEquals(List.of(expected), proxyTunnelMtus, "told once");
        ByteBuf syn = tcpSyn(1460);
        assertTrue(proxy.mtu().clampMss(syn));
        assertEquals(expected - 40, syn.getUnsignedShort(20 + 22));
        syn.release();
        StringBuilder status = new StringBuilder();
        SessionStatus.append(status, client);
        assertTrue(status.toString().contains("tunnel MTU " + expected) && status.toString().contains(" 1280  primary"),
                status.toString());
        String json = StatusJson.write(StatusJson.session(proxy));
        assertTrue(json.contains("\"tunnel_mtu\" : " + expected) && json.contains("\"path_mtu\" : 1280"), json);
        proxy.removeLink(1);
        assertEquals(1400, proxy.mtu().tunnelMtu(), "no link with a known path MTU: the configured mtu");
    }

    @Test
    void malformedPathMtuMessagesAreCountedDrops() {
        for (int type : new int[] {ControlType.PMTU_PROBE, ControlType.PMTU_ACK, ControlType.PMTU_REPORT}) {
            ByteBuf body = UnpooledByteBufAllocator.DEFAULT.buffer(3);
            body.writeByte(5).writeByte(0).writeByte(0);
            client.sendControl(client.link(1), type, body);
        }
        advance(5 * MS);
        assertEquals(3, proxyDrops.get(DropReason.MALFORMED_BODY));
        assertEquals(-1, proxy.link(1).pathMtu());
        assertEquals(1400, proxy.mtu().tunnelMtu());
    }

    @Test
    void aProbeIsAnsweredWithAnAckNeverLargerThanIt() {
        ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.buffer(6);
        dev.braid.core.path.PathMtuMessages.writeProbe(probe, 576, 42, 6);
        client.sendControl(client.link(1), ControlType.PMTU_PROBE, probe);
        DatagramPacket sent = clientChannel.readOutbound();
        int probeBytes = sent.content().readableBytes();
        receive(proxy, sent.content(), NAT_A);
        DatagramPacket ack = proxyChannel.readOutbound();
        assertTrue(ack.content().readableBytes() <= probeBytes, ack.content().readableBytes() + " > " + probeBytes);
        ack.release();
    }

    // ---------------------------------------------------------------- the world

    /** An IPv4 TCP SYN with an MSS option of {@code mss} (checksums not checked by the clamp). */
    private static ByteBuf tcpSyn(int mss) {
        ByteBuf packet = UnpooledByteBufAllocator.DEFAULT.heapBuffer(44);
        packet.writeByte(0x45).writeByte(0).writeShort(44).writeInt(0).writeByte(64).writeByte(6).writeShort(0);
        packet.writeInt(0x0a000001).writeInt(0x0a000002);
        packet.writeShort(80).writeShort(5000).writeInt(1).writeInt(0).writeByte(6 << 4).writeByte(0x02)
                .writeShort(65535).writeShort(0).writeShort(0);
        packet.writeByte(2).writeByte(4).writeShort(mss);
        return packet;
    }

    private static ByteBuf joinBody(String name) {
        ByteBuf body = UnpooledByteBufAllocator.DEFAULT.buffer(JoinMessage.MAX_NAME);
        body.writeCharSequence(name, java.nio.charset.StandardCharsets.UTF_8); // a JOIN of a name alone, as older clients send
        return body;
    }

    /** A 20-byte IPv4 header. */
    private static ByteBuf ipv4Packet(int source, int destination) {
        ByteBuf packet = UnpooledByteBufAllocator.DEFAULT.heapBuffer(20);
        packet.writeByte(0x45).writeByte(0).writeShort(20).writeInt(0).writeByte(64).writeByte(17).writeShort(0);
        packet.writeInt(source).writeInt(destination);
        return packet;
    }

    /** Moves virtual time in 1 ms steps, firing both sessions' timers and delivering datagrams. */
    private void advance(long nanos) {
        time.advance(nanos, 1 * MS);
    }

    private void deliver() {
        for (boolean moved = true; moved; ) {
            moved = false;
            for (DatagramPacket p; (p = clientChannel.readOutbound()) != null; moved = true) {
                if (p.content().readableBytes() + 28 > pathMtu) {
                    p.release(); // too big for the path: dropped on the way, no ICMP
                } else if (relayFrom != null) {
                    // The copy from the spoofed address wins the race; the original is then a replay.
                    bytesFromVictim += p.content().readableBytes();
                    receive(proxy, p.content(), relayFrom);
                } else {
                    receive(proxy, p.content(), mapping);
                }
            }
            for (DatagramPacket p; (p = proxyChannel.readOutbound()) != null; moved = true) {
                if (p.recipient().equals(VICTIM)) {
                    bytesToVictim += p.content().readableBytes();
                    if (p.content().getUnsignedByte(0) == (BraidHeader.VERSION << 4 | MessageType.DATA.code())) {
                        dataToVictim++;
                    }
                    p.release();
                } else if (p.recipient().equals(mapping)) {
                    receive(client, p.content(), PROXY);
                } else {
                    p.release(); // no NAT mapping for that address any more
                }
            }
        }
    }

    /** Takes ownership of {@code datagram}. */
    private void receive(Session session, ByteBuf datagram, InetSocketAddress sender) {
        BraidHeader header = BraidHeader.readFrom(datagram);
        Link link = session.link(header.linkId());
        if (link == null) {
            session.onDatagramFromNewLink(header, proxyChannel, datagram, sender);
        } else {
            session.onDatagram(header, link, datagram, sender);
        }
    }
}
