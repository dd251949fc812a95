package dev.braid.core.session;

import dev.braid.core.path.PathMtuMessages;
import dev.braid.core.path.PathMtuProbe;
import dev.braid.core.spi.Role;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.ControlType;
import dev.braid.core.wire.DropReason;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's path and tunnel MTUs, on its event loop: the client's links probe their path
 * (PMTU_PROBE, answered by a PMTU_ACK never larger than the probe), the client reports each result
 * (PMTU_REPORT, echoed by the proxy), and the tunnel MTU both ends clamp the MSS of SYNs to is the
 * largest inner packet every up link carries whole ({@link TunnelMtu}).
 */
public final class SessionMtu {
    private static final Logger log = LoggerFactory.getLogger(SessionMtu.class);

    private final Session session;
    private TunnelMtu tunnelMtu;
    private int configuredMtu = 1400;
    private int cryptoOverhead;
    /** Client: how links probe their path MTU; null when probing is off. */
    private PathMtuProbe.Settings probing;

    SessionMtu(Session session) {
        this.session = session;
    }

    /**
     * Sets the configured tunnel MTU (the proxy's {@code mtu}, which the client got at login), the
     * ceiling of the effective one, and (client) how links probe their path MTU; null: no probing.
     * Call before the session starts.
     */
    public void configure(int configuredMtu, PathMtuProbe.Settings probing) {
        this.configuredMtu = configuredMtu;
        this.probing = session.identity().role() == Role.CLIENT ? probing : null;
        if (tunnelMtu != null) {
            tunnelMtu.configure(configuredMtu);
            tunnelMtu.update(session.linkValues());
        }
    }

    void start(int cryptoOverhead, int dataHeaderBytes) {
        this.cryptoOverhead = cryptoOverhead;
        tunnelMtu = new TunnelMtu(configuredMtu, cryptoOverhead, dataHeaderBytes);
    }

    /**
     * Client: starts probing {@code link}'s path MTU, from its family's floor up to {@code ceiling}
     * (its interface's MTU). Nothing when probing is off.
     */
    public void probe(Link link, int ceiling) {
        if (probing == null || session.isClosed()) {
            return;
        }
        int floor = PathMtuProbe.floorFor(TunnelMtu.isIpv6(link.remoteAddress()));
        link.probeMtu(new PathMtuProbe(probing, floor, Math.max(floor, ceiling), session.clock().nanos()));
        session.rearmTimer();
    }

    /** The effective tunnel MTU: the largest inner packet every up link carries whole. */
    public int tunnelMtu() {
        return tunnelMtu == null ? configuredMtu : tunnelMtu.current();
    }

    /**
     * What the TUN device should be set to: the tunnel MTU, but never under 1280 while the session
     * carries IPv6 (Linux removes IPv6 from a smaller device; the MSS clamp still follows
     * {@link #tunnelMtu()}, so TCP fits, and only larger non-TCP packets are lost).
     */
    public int tunDeviceMtu() {
        int mtu = tunnelMtu();
        return session.identity().virtualIp6() != null ? Math.max(mtu, TunnelMtu.IPV6_MIN_MTU) : mtu;
    }

    /** Lowers the MSS of a TCP SYN entering the tunnel to the tunnel MTU, in place. @return true if lowered */
    public boolean clampMss(ByteBuf packet) {
        return tunnelMtu != null && tunnelMtu.clamp().apply(packet);
    }

    /** When {@code link}'s probe wants to run next; {@link Long#MAX_VALUE} when it has none. */
    static long nextDeadline(Link link) {
        PathMtuProbe probe = link.mtuProbe();
        return probe == null ? Long.MAX_VALUE : probe.nextDeadlineNanos();
    }

    void onTimer(long now, Link link) {
        perform(now, link, link.mtuProbe().onTimer(now));
    }

    /** A link back up may run over another path now: search again. */
    void linkBackUp(long now, Link link) {
        if (link.mtuProbe() != null) {
            link.mtuProbe().restart(now);
        }
    }

    /** Links joined, left, or went up or down: the tunnel MTU may follow. */
    void refresh(String why) {
        if (tunnelMtu != null && tunnelMtu.update(session.linkValues())) {
            log.info("{}: tunnel MTU {} ({})", session.identity(), tunnelMtu.current(), why);
            session.events().tunnelMtuChanged(session, tunnelMtu.current());
        }
    }

    /** Answered by a 6-byte ack on the same link: never more than the probe, so no amplification. */
    void onProbe(Link link, ByteBuf body) {
        PathMtuMessages.Probe probe = PathMtuMessages.readProbe(body);
        if (probe == null) {
            session.countDrop(DropReason.MALFORMED_BODY);
            return;
        }
        ByteBuf ack = session.alloc().buffer(PathMtuMessages.ACK_LENGTH);
        PathMtuMessages.writeAck(ack, probe);
        session.sendControl(link, ControlType.PMTU_ACK, ack);
    }

    void onAck(long now, Link link, ByteBuf body) {
        PathMtuMessages.Probe ack = PathMtuMessages.readAck(body);
        if (ack == null) {
            session.countDrop(DropReason.MALFORMED_BODY);
            return;
        }
        if (link.mtuProbe() != null) {
            perform(now, link, link.mtuProbe().onAck(now, ack.size(), ack.id()));
        }
    }

    /** Proxy: the client's path MTU of {@code link}, echoed so it stops re-sending; client: that echo. */
    void onReport(Link link, ByteBuf body) {
        int mtu = PathMtuMessages.readReport(body);
        if (mtu < 0) {
            session.countDrop(DropReason.MALFORMED_BODY);
            return;
        }
        if (session.identity().role() == Role.CLIENT) {
            if (link.mtuProbe() != null) {
                link.mtuProbe().onReportEcho(mtu);
            }
            return;
        }
        sendReport(link, mtu);
        if (mtu != link.pathMtu()) {
            link.reportedPathMtu(mtu);
            pathMtuChanged(link, "reported");
        }
    }

    private void perform(long now, Link link, PathMtuProbe.Step step) {
        if (step.sendsProbe()) {
            int body = step.probeSize() - TunnelMtu.ipHeader(link.remoteAddress()) - TunnelMtu.UDP_HEADER
                    - BraidHeader.LENGTH - 1 - cryptoOverhead;
            ByteBuf probe = session.alloc().buffer(body);
            PathMtuMessages.writeProbe(probe, step.probeSize(), step.probeId(), body);
            session.sendControl(link, ControlType.PMTU_PROBE, probe);
        }
        if (step.sendsReport()) {
            sendReport(link, step.reportMtu());
        }
        if (step.changed()) {
            pathMtuChanged(link, "probed");
        }
    }

    private void sendReport(Link link, int mtu) {
        ByteBuf report = session.alloc().buffer(PathMtuMessages.REPORT_LENGTH);
        PathMtuMessages.writeReport(report, mtu);
        session.sendControl(link, ControlType.PMTU_REPORT, report);
    }

    private void pathMtuChanged(Link link, String how) {
        boolean changed = tunnelMtu.update(session.linkValues());
        log.info("{}: link {}: path MTU {} ({}), tunnel MTU {}", session.identity(), link.name(), link.pathMtu(), how,
                tunnelMtu.current());
        if (changed) {
            session.events().tunnelMtuChanged(session, tunnelMtu.current());
        }
    }
}
