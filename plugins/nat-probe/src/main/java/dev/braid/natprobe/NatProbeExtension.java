package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MalformedPacketException;
import dev.braid.natprobe.protocol.LinkLiveness;
import dev.braid.natprobe.protocol.LinkState;
import dev.braid.natprobe.protocol.LivenessStep;
import dev.braid.natprobe.protocol.NatProbeCodec;
import dev.braid.natprobe.protocol.NatProbeControlType;
import dev.braid.natprobe.protocol.Probe;
import dev.braid.natprobe.protocol.ProbeReply;
import dev.braid.natprobe.protocol.ProbeResponder;
import dev.braid.natprobe.protocol.ProbeSettings;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nat-probe plugin in one session: a thin shell around the sans-I/O {@link LinkLiveness} and
 * codecs. It turns core events into protocol events and performs the steps they return (send a
 * probe, mark a link). Path validation of new addresses is the core's (it challenges, this
 * plugin's probe replies to an unvalidated sender fall under the core's 3x budget).
 *
 * <p>Receive: authenticated datagram -> liveness UP -> control body decoded -> answer (PROBE) or
 * learn (PROBE_REPLY: RTT, observed address). Timer: per link, liveness tick (probe / down).
 */
public final class NatProbeExtension implements SessionExtension {
    private static final Logger log = LoggerFactory.getLogger(NatProbeExtension.class);

    private final ExtensionContext session;
    private final Supplier<ProbeSettings> settings;
    private final boolean liveness;
    private final Map<Integer, LinkProbe> links = new LinkedHashMap<>();

    /**
     * @param settings the current settings, which a reload may change
     * @param liveness whether this end probes its links (always on the client)
     */
    public NatProbeExtension(ExtensionContext session, Supplier<ProbeSettings> settings, boolean liveness) {
        this.session = session;
        this.settings = settings;
        this.liveness = liveness;
    }

    @Override
    public void onLinkAdded(long nowNanos, LinkHandle link) {
        links.put(link.id(), new LinkProbe(link, liveness ? new LinkLiveness(settings, nowNanos) : null));
    }

    @Override
    public void onLinkRemoved(long nowNanos, LinkHandle link) {
        links.computeIfPresent(link.id(), (id, probe) -> probe.link == link ? null : probe);
    }

    @Override
    public void onAuthenticatedReceive(long nowNanos, LinkHandle link, InetSocketAddress sender) {
        LinkProbe probe = links.get(link.id());
        if (probe == null) {
            return;
        }
        probe.lastSender = sender;
        if (probe.liveness != null) {
            apply(probe, probe.liveness.onReceive(nowNanos));
        }
    }

    /** Does not take ownership of {@code body} (the core releases it). */
    @Override
    public void onControl(long nowNanos, LinkHandle link, int controlType, ByteBuf body) {
        LinkProbe probe = links.get(link.id());
        if (probe == null) {
            return;
        }
        try {
            ByteBuffer in = body.nioBuffer();
            switch (controlType) {
                case NatProbeControlType.PROBE -> onProbe(probe, NatProbeCodec.decodeProbe(in), body.readableBytes());
                case NatProbeControlType.PROBE_REPLY -> onProbeReply(nowNanos, probe, NatProbeCodec.decodeReply(in));
                default -> session.countDrop(DropReason.UNKNOWN_CONTROL_TYPE);
            }
        } catch (MalformedPacketException e) {
            log.debug("session {}: link {}: {}", SessionIds.format(session.sessionId()), link.name(), e.getMessage());
            session.countDrop(e.reason());
        }
    }

    /** Answered to where it came from (also during path validation): no larger than the probe. */
    private void onProbe(LinkProbe probe, Probe received, int bodyLength) {
        InetSocketAddress sender = probe.sender();
        Optional<ProbeReply> reply = ProbeResponder.answer(received, bodyLength, sender);
        if (reply.isEmpty()) {
            session.countDrop(DropReason.TOO_LARGE);
            return;
        }
        send(probe, sender, NatProbeControlType.PROBE_REPLY, NatProbeCodec.replyLength(reply.get()),
                out -> NatProbeCodec.encodeReply(reply.get(), out));
    }

    private void onProbeReply(long now, LinkProbe probe, ProbeReply reply) {
        if (probe.liveness != null) {
            probe.liveness.onProbeReply(now, reply);
        }
        if (session.role() != Role.CLIENT) {
            return;
        }
        boolean first = probe.observed.current() == null;
        InetSocketAddress previous = probe.observed.update(reply.observed());
        if (previous != null) {
            log.info("session {}: link {}: public address changed from {} to {} (NAT rebinding; the proxy validates and follows)",
                    SessionIds.format(session.sessionId()), probe.link.name(), previous, reply.observed());
        } else if (first) {
            log.info("session {}: link {}: public address is {}", SessionIds.format(session.sessionId()), probe.link.name(), reply.observed());
        }
    }

    @Override
    public long nextDeadlineNanos() {
        long deadline = Long.MAX_VALUE;
        for (LinkProbe probe : links.values()) {
            if (probe.liveness != null) {
                deadline = Math.min(deadline, probe.liveness.nextDeadlineNanos());
            }
        }
        return deadline;
    }

    @Override
    public void onTimer(long nowNanos) {
        for (LinkProbe probe : List.copyOf(links.values())) {
            if (probe.liveness != null && probe.liveness.nextDeadlineNanos() <= nowNanos) {
                apply(probe, probe.liveness.onTimer(nowNanos, probe.trafficPacketsOut()));
            }
        }
    }

    @Override
    public void close() {
        links.clear();
    }

    @Override
    public java.util.Map<String, Object> status() {
        java.util.Map<String, Object> status = new java.util.LinkedHashMap<>();
        for (LinkProbeStatus link : probeStatus()) {
            status.put("probe " + link.name(), link.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (link.srttNanos() < 0 ? "" : String.format(", rtt %.1f ms", link.srttNanos() / 1e6))
                    + (link.observedAddress() == null ? "" : ", public address " + link.observedAddress()));
        }
        return status;
    }

    /** Every link's probe view, in join order, for status output. */
    public List<LinkProbeStatus> probeStatus() {
        List<LinkProbeStatus> status = new ArrayList<>();
        for (LinkProbe probe : links.values()) {
            status.add(new LinkProbeStatus(probe.link.id(), probe.link.name(),
                    probe.liveness == null ? LinkState.UP : probe.liveness.state(),
                    probe.liveness == null ? -1 : probe.liveness.rtt().srttNanos(),
                    probe.observed.current()));
        }
        return status;
    }

    // ---------------------------------------------------------------- performing steps

    private void apply(LinkProbe probe, LivenessStep step) {
        if (step.probe() != null) {
            Probe p = step.probe();
            send(probe, probe.link.remoteAddress(), NatProbeControlType.PROBE, NatProbeCodec.PROBE_LENGTH,
                    out -> NatProbeCodec.encodeProbe(p, out));
        }
        if (step.changedTo() == LinkState.DOWN) {
            log.info("session {}: link {}: {} probes unanswered, marking it down",
                    SessionIds.format(session.sessionId()), probe.link.name(), settings.get().downAfterMissed());
            session.setLinkUp(probe.link, false);
        } else if (step.changedTo() == LinkState.UP) {
            session.setLinkUp(probe.link, true);
        }
    }

    /** Encodes {@code length} bytes into a buffer whose ownership passes to the core. */
    private void send(LinkProbe probe, InetSocketAddress to, int controlType, int length, Consumer<ByteBuffer> encoder) {
        ByteBuf body = session.alloc().heapBuffer(length, length);
        try {
            encoder.accept(body.nioBuffer(0, length));
            body.writerIndex(length);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        probe.ownPacketsOut++;
        if (to.equals(probe.link.remoteAddress())) {
            session.sendControl(probe.link, controlType, body);
        } else {
            session.sendControlTo(probe.link, to, controlType, body);
        }
    }
}
