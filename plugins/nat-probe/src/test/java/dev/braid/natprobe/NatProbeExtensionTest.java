package dev.braid.natprobe;

import static dev.braid.natprobe.protocol.NatProbeControlType.PROBE;
import static dev.braid.natprobe.protocol.NatProbeControlType.PROBE_REPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.core.wire.DropReason;
import dev.braid.natprobe.FakeExtensionContext.LinkUp;
import dev.braid.natprobe.FakeExtensionContext.Sent;
import dev.braid.natprobe.protocol.LinkState;
import dev.braid.natprobe.protocol.NatProbeCodec;
import dev.braid.natprobe.protocol.Probe;
import dev.braid.natprobe.protocol.ProbeReply;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension against a recording fake of the core, in virtual time. */
class NatProbeExtensionTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress OLD = new InetSocketAddress("127.0.0.2", 4000);
    private static final InetSocketAddress NEW = new InetSocketAddress("127.0.0.2", 4001);
    private static final InetSocketAddress PUBLIC = new InetSocketAddress("127.0.0.5", 50000);

    private FakeExtensionContext ctx;
    private NatProbeExtension ext;

    private void start(Role role, NatProbeConfig config) {
        ctx = new FakeExtensionContext(role);
        ext = (NatProbeExtension) new NatProbeExtensionFactory(config).create(ctx);
    }

    private FakeLink addLink(int id, InetSocketAddress remote) {
        FakeLink link = new FakeLink(id, "link" + id, remote);
        ctx.links.add(link);
        ext.onLinkAdded(ctx.now, link);
        return link;
    }

    // ---------------------------------------------------------------- client

    @Test
    void clientProbesAtStartLearnsRttAndAddressThenProbesAfterTheIdleInterval() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink link = addLink(1, PROXY);
        runUntil(0);
        Sent first = onlySent(PROBE);
        assertEquals(PROXY, first.to());
        assertEquals(NatProbeCodec.PROBE_LENGTH, first.body().length);

        ctx.now = 20 * MS;
        answer(link, first);
        LinkProbeStatus status = ext.probeStatus().get(0);
        assertEquals(20 * MS, status.srttNanos());
        assertEquals(PUBLIC, status.observedAddress());
        assertEquals(LinkState.UP, status.state());

        runUntil(15 * S - 1);
        assertEquals(1, ctx.sentOfType(PROBE).size(), "its own probes are not traffic awaiting an answer");
        runUntil(15 * S);
        assertEquals(2, ctx.sentOfType(PROBE).size());
    }

    @Test
    void clientMarksADeadLinkDownUnderTrafficAndUpOnAnswer() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink link = addLink(1, PROXY);
        runUntil(0);
        ctx.now = 20 * MS;
        answer(link, ctx.sent.get(0));

        runWithTraffic(1 * S, 3 * S, link);
        assertEquals(1, ctx.linkUps.size(), () -> "link states " + ctx.linkUps);
        LinkUp down = ctx.linkUps.get(0);
        assertEquals(false, down.up());
        assertTrue(down.atNanos() >= 1 * S + 750 * MS && down.atNanos() <= 1 * S + 850 * MS,
                "down at " + down.atNanos() / MS + " ms");
        assertEquals(LinkState.DOWN, ext.probeStatus().get(0).state());

        List<Sent> probes = ctx.sentOfType(PROBE);
        answer(link, probes.get(probes.size() - 1));
        assertEquals(new LinkUp(1, true, ctx.now), ctx.linkUps.get(1));
    }

    @Test
    void clientWithEveryLinkDownKeepsProbingEveryLink() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink a = addLink(1, PROXY);
        FakeLink b = addLink(2, PROXY);
        runWithTraffic(0, 10 * S, a, b);

        assertEquals(List.of(false, false), List.of(a.up, b.up));
        assertEquals(2, ctx.linkUps.size(), "each went down once and nothing else happened");
        for (int id = 1; id <= 2; id++) {
            int linkId = id;
            long late = ctx.sentOfType(PROBE).stream().filter(s -> s.linkId() == linkId).count();
            assertTrue(late >= 6, "link " + id + " still probed (1, 2, 4 s apart while down): " + late);
        }
        assertTrue(ext.nextDeadlineNanos() <= ctx.now + 8 * S, "timer still armed, at the next doubled spacing");
    }

    @Test
    void clientNoticesAChangedPublicAddress() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink link = addLink(1, PROXY);
        receiveControl(link, PROXY, PROBE_REPLY, reply(new ProbeReply(0, 0, PUBLIC)));
        InetSocketAddress rebound = new InetSocketAddress("127.0.0.5", 50001);
        receiveControl(link, PROXY, PROBE_REPLY, reply(new ProbeReply(1, 0, rebound)));
        assertEquals(rebound, ext.probeStatus().get(0).observedAddress());
    }

    @Test
    void malformedBodiesAreCountedAndNotAnswered() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink link = addLink(1, PROXY);
        receiveControl(link, PROXY, PROBE, new byte[5]);
        receiveControl(link, PROXY, PROBE_REPLY, new byte[3]);
        assertEquals(List.of(DropReason.MALFORMED_BODY, DropReason.MALFORMED_BODY), ctx.drops);
        assertTrue(ctx.sent.isEmpty());
    }

    @Test
    void removedLinkIsNoLongerProbed() {
        start(Role.CLIENT, new NatProbeConfig());
        FakeLink link = addLink(1, PROXY);
        ext.onLinkRemoved(0, link);
        assertEquals(Long.MAX_VALUE, ext.nextDeadlineNanos());
        assertTrue(ext.probeStatus().isEmpty());
    }

    // ---------------------------------------------------------------- proxy

    @Test
    void proxyAnswersAProbeFromANewAddressThereAndLeavesTheLinkToTheCore() {
        start(Role.PROXY, new NatProbeConfig());
        FakeLink link = addLink(1, OLD);
        byte[] probe = probe(new Probe(9, 1234));
        receiveControl(link, NEW, PROBE, probe);

        Sent reply = onlySent(PROBE_REPLY);
        assertEquals(NEW, reply.to(), "answered where it came from");
        assertTrue(reply.body().length <= probe.length, "no amplification");
        assertEquals(new ProbeReply(9, 1234, NEW), NatProbeCodec.decodeReply(ByteBuffer.wrap(reply.body())));
        assertEquals(1, ctx.sent.size(), "no challenge: path validation is the core's");
        assertEquals(OLD, link.remote, "not moved");
    }

    @Test
    void proxySendsNoIdleProbesButMarksADeadLinkUnderTrafficDown() {
        start(Role.PROXY, new NatProbeConfig());
        FakeLink link = addLink(1, OLD);
        runUntil(30 * S);
        assertTrue(ctx.sent.isEmpty(), "keepalives come from the client");
        runWithTraffic(30 * S, 32 * S, link);
        assertEquals(List.of(false), ctx.linkUps.stream().map(LinkUp::up).toList());
    }

    @Test
    void proxyLivenessCanBeTurnedOff() {
        NatProbeConfig config = new NatProbeConfig();
        config.setProxyLiveness(false);
        start(Role.PROXY, config);
        FakeLink link = addLink(1, OLD);
        runWithTraffic(0, 5 * S, link);
        assertTrue(ctx.sent.isEmpty());
        assertTrue(ctx.linkUps.isEmpty());
        receiveControl(link, OLD, PROBE, probe(new Probe(1, 1)));
        assertEquals(1, ctx.sentOfType(PROBE_REPLY).size(), "still answers probes");
    }

    // ---------------------------------------------------------------- helpers

    /** Fires the extension's timer at each deadline up to {@code end}. */
    private void runUntil(long end) {
        for (long d = ext.nextDeadlineNanos(); d <= end; d = ext.nextDeadlineNanos()) {
            ctx.now = Math.max(ctx.now, d);
            ext.onTimer(ctx.now);
        }
        ctx.now = Math.max(ctx.now, end);
    }

    /** Data leaves every link each 10 ms (nothing comes back), timers fire in between. */
    private void runWithTraffic(long from, long to, FakeLink... links) {
        for (long t = from; t <= to; t += 10 * MS) {
            runUntil(t);
            for (FakeLink link : links) {
                link.counters().sent(1200);
            }
        }
    }

    private void answer(FakeLink link, Sent probe) {
        Probe p = NatProbeCodec.decodeProbe(ByteBuffer.wrap(probe.body()));
        receiveControl(link, link.remote, PROBE_REPLY, reply(new ProbeReply(p.seq(), p.txNanos(), PUBLIC)));
    }

    /** One authenticated datagram, as the core hands it over: receive, then control body. */
    private void receiveControl(FakeLink link, InetSocketAddress sender, int type, byte[] body) {
        ext.onAuthenticatedReceive(ctx.now, link, sender);
        if (type < 0) {
            return;
        }
        ByteBuf buf = ctx.alloc().heapBuffer(body.length);
        try {
            buf.writeBytes(body);
            ext.onControl(ctx.now, link, type, buf);
        } finally {
            buf.release();
        }
    }

    private Sent onlySent(int type) {
        List<Sent> sent = ctx.sentOfType(type);
        assertEquals(1, sent.size(), () -> "sent " + ctx.sent);
        return sent.get(0);
    }

    private static byte[] probe(Probe probe) {
        ByteBuffer buf = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
        NatProbeCodec.encodeProbe(probe, buf);
        return buf.array();
    }

    private static byte[] reply(ProbeReply reply) {
        ByteBuffer buf = ByteBuffer.allocate(NatProbeCodec.replyLength(reply));
        NatProbeCodec.encodeReply(reply, buf);
        return buf.array();
    }

}
