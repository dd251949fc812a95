package dev.braid.core.metrics;

import dev.braid.core.session.Link;
import dev.braid.core.session.Session;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scrape exports, copied on the event loop (sessions are the loop's) so the HTTP thread
 * never touches live state. At most {@code maxSessions} sessions, the most recently heard first.
 */
public record MetricsSample(List<SessionSample> sessions, int omittedSessions, Map<DropReason, Long> drops) {
    /** One session; {@code idleSeconds}: since anything was heard from the peer. */
    public record SessionSample(String id, String user, double idleSeconds, List<LinkSample> links) {}

    /** One link; RTTs in seconds, -1 before a sample; {@code pathFigures}: the data path's numbers by key. */
    public record LinkSample(String name, int id, boolean up, long packetsOut, long bytesOut, long packetsIn,
                             long bytesIn, long bitsPerSecondOut, long bitsPerSecondIn, double rttSeconds,
                             double minRttSeconds, double rttVarianceSeconds, String dataPath,
                             Map<String, Double> pathFigures, LinkUse use, boolean carrying, DataCapSample dataCap) {}

    /** A link's data-cap count in its current period (client only). */
    public record DataCapSample(long usedBytes, long capBytes) {}

    /** The data-cap count of a link by name, or null for a link without a cap. */
    public interface DataCaps {
        DataCaps NONE = name -> null;

        DataCapSample of(String linkName);
    }

    /** Call on the event loop that owns {@code sessions}. */
    public static MetricsSample of(List<Session> sessions, DropCounters drops, int maxSessions) {
        return of(sessions, drops, maxSessions, DataCaps.NONE);
    }

    /** As {@link #of(List, DropCounters, int)}, with the links' data caps. */
    public static MetricsSample of(List<Session> sessions, DropCounters drops, int maxSessions, DataCaps caps) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparingLong(Session::lastReceiveNanos).reversed());
        List<SessionSample> samples = new ArrayList<>();
        for (Session session : sorted.subList(0, Math.min(maxSessions, sorted.size()))) {
            samples.add(session(session, caps));
        }
        Map<DropReason, Long> dropCounts = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            dropCounts.put(reason, drops.get(reason));
        }
        return new MetricsSample(samples, sorted.size() - samples.size(), dropCounts);
    }

    private static SessionSample session(Session session, DataCaps caps) {
        List<LinkSample> links = new ArrayList<>();
        for (LinkHandle handle : session.links()) {
            Link link = (Link) handle;
            links.add(new LinkSample(link.name(), link.id(), link.isUp(), link.counters().packetsOut(),
                    link.counters().bytesOut(), link.counters().packetsIn(), link.counters().bytesIn(),
                    link.bitsPerSecondOut(), link.bitsPerSecondIn(), seconds(link.srttNanos()),
                    seconds(link.minRttNanos()), seconds(link.rttVarianceNanos()), session.dataPathName(),
                    numbers(session.dataPath().linkStatus(link)), link.use(), LinkUse.carries(link, session.links()),
                    caps.of(link.name())));
        }
        double idle = (session.clock().nanos() - session.lastReceiveNanos()) / 1e9;
        return new SessionSample(SessionIds.format(session.sessionId()), session.identity().user(), idle, links);
    }

    private static double seconds(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e9;
    }

    /** The numeric figures only (a state name is no series). */
    private static Map<String, Double> numbers(Map<String, Object> figures) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        figures.forEach((key, value) -> {
            if (value instanceof Number number) {
                numbers.put(key, number.doubleValue());
            }
        });
        return numbers;
    }
}
