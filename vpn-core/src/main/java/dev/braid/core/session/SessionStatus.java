package dev.braid.core.session;

import dev.braid.core.spi.Addresses;
import dev.braid.core.config.DataRate;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders sessions and drop counters for `braid status`, the same at both ends. */
public final class SessionStatus {
    private SessionStatus() {}

    public static void append(StringBuilder out, Session session) {
        long idleMillis = (session.clock().nanos() - session.lastReceiveNanos()) / 1_000_000;
        out.append(session.identity()).append("  path ").append(session.dataPathName())
                .append("  last heard ").append(idleMillis).append(" ms ago  tunnel MTU ").append(session.mtu().tunnelMtu())
                .append('\n');
        out.append(String.format("  %-4s %-12s %-22s %-5s %10s %12s %10s %12s %9s %8s  %s%n",
                "id", "link", "remote", "state", "pkts-out", "bytes-out", "pkts-in", "bytes-in", "rtt-ms", "path-mtu", "use"));
        List<LinkHandle> links = session.links();
        for (LinkHandle handle : links) {
            Link link = (Link) handle;
            out.append(String.format("  %-4d %-12s %-22s %-5s %10d %12d %10d %12d %9s %8s  %s%n", link.id(), link.name(),
                    Addresses.format(link.remoteAddress()), link.isUp() ? "up" : "DOWN", link.counters().packetsOut(),
                    link.counters().bytesOut(), link.counters().packetsIn(), link.counters().bytesIn(),
                    link.srttNanos() < 0 ? "-" : String.format("%.1f", link.srttNanos() / 1e6),
                    link.pathMtu() < 0 ? "-" : Integer.toString(link.pathMtu()), use(link, links)));
        }
        if (session.linksExpired() + session.pathsAbandoned() > 0) {
            out.append("  links dropped after being DOWN too long: ").append(session.linksExpired())
                    .append(", unanswered path challenges: ").append(session.pathsAbandoned()).append('\n');
        }
        session.dataPath().status().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        session.extensionStatus().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
    }

    /** "primary", "backup standby", "secondary active, at most 20mbit": its tier, and whether it carries data now. */
    static String use(LinkHandle link, List<LinkHandle> links) {
        LinkUse use = link.use();
        String tier = use.priority().name().toLowerCase(Locale.ROOT);
        String state = link.isUp() && !LinkUse.carries(link, links) ? " standby" : use.priority() == LinkPriority.PRIMARY ? "" : " active";
        return tier + state + (use.maxRateBitsPerSecond() == 0 ? "" : ", at most " + DataRate.ofBitsPerSecond(use.maxRateBitsPerSecond()));
    }

    public static void appendDrops(StringBuilder out, DropCounters drops) {
        Map<DropReason, Long> counts = drops.snapshot();
        out.append("drops:");
        if (counts.isEmpty()) {
            out.append(" none");
        }
        counts.forEach((reason, n) -> out.append(' ').append(reason.label()).append('=').append(n));
        out.append('\n');
    }
}
