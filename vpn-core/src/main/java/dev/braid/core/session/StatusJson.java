package dev.braid.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.braid.core.spi.Addresses;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of {@code braid status --json}, schema {@value #SCHEMA} (docs/operations.md). Keys
 * are snake_case and never renamed within a schema version; new keys may be added. Built on the
 * event loop, like the text status.
 */
public final class StatusJson {
    /** Raised only when a key is renamed or removed, or a value changes its meaning or unit. */
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {}

    /** The common head of a document: schema and role. */
    public static Map<String, Object> document(String role) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", SCHEMA);
        document.put("role", role);
        return document;
    }

    public static Map<String, Object> session(Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        SessionIdentity identity = session.identity();
        out.put("id", SessionIds.unsigned(identity.sessionId()));
        out.put("user", identity.user());
        out.put("address", Ipv4.format(identity.virtualIp()));
        if (identity.virtualIp6() != null) {
            out.put("address6", identity.virtualIp6().toString());
        }
        out.put("data_path", session.dataPathName());
        out.put("last_heard_ms", (session.clock().nanos() - session.lastReceiveNanos()) / 1_000_000);
        out.put("tunnel_mtu", session.mtu().tunnelMtu());
        List<Object> links = new ArrayList<>();
        for (LinkHandle handle : session.links()) {
            links.add(link((Link) handle, session));
        }
        out.put("links", links);
        out.put("links_expired", session.linksExpired());
        out.put("path_challenges_abandoned", session.pathsAbandoned());
        out.put("data_path_figures", session.dataPath().statusFigures());
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put(session.dataPathName(), session.dataPath().status());
        plugins.put("extensions", session.extensionStatus());
        out.put("plugins", plugins);
        return out;
    }

    private static Map<String, Object> link(Link link, Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", link.id());
        out.put("name", link.name());
        out.put("remote", Addresses.format(link.remoteAddress()));
        out.put("state", link.isUp() ? "up" : "down");
        out.put("validated", link.isValidated());
        out.put("priority", link.use().priority().name().toLowerCase(Locale.ROOT));
        out.put("carrying", LinkUse.carries(link, session.links()));
        out.put("max_rate_bps", link.use().maxRateBitsPerSecond());
        out.put("packets_out", link.counters().packetsOut());
        out.put("bytes_out", link.counters().bytesOut());
        out.put("packets_in", link.counters().packetsIn());
        out.put("bytes_in", link.counters().bytesIn());
        out.put("rate_out_bps", link.bitsPerSecondOut());
        out.put("rate_in_bps", link.bitsPerSecondIn());
        out.put("path_mtu", link.pathMtu() < 0 ? null : link.pathMtu());
        out.put("rtt_ms", link.srttNanos() < 0 ? null : Map.of(
                "smoothed", millis(link.srttNanos()), "min", millis(link.minRttNanos()),
                "variance", millis(link.rttVarianceNanos())));
        out.put(session.dataPathName(), session.dataPath().linkStatus(link));
        return out;
    }

    /** A link the client has configured but cannot open now (its interface is missing or down). */
    public static Map<String, Object> waitingLink(String name, String interfaceName, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("interface", interfaceName);
        out.put("state", "down");
        out.put("reason", reason);
        return out;
    }

    /** Every drop reason by its label, zeros included, so the keys are always there. */
    public static Map<String, Long> drops(DropCounters drops) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            out.put(reason.label(), drops.get(reason));
        }
        return out;
    }

    public static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status is not serializable: " + e.getOriginalMessage(), e);
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0; // 0.01 ms resolution
    }
}
