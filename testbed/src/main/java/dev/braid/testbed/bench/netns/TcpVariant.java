package dev.braid.testbed.bench.netns;

import java.util.List;
import java.util.Locale;

/**
 * How the tunnel carries the flow: {@code single} (Braid over the best link alone, no multilink
 * plugin), {@code wireguard} (wireguard-go over the best link, the single-link VPN to measure
 * against) or Braid multilink over both links with a scheduler, a {@code when-no-room} policy and
 * optional further multilink keys; {@code direct} is no tunnel at all (the path benchmark's
 * plain-IP reference). Spelled {@code single}, {@code wireguard}, {@code direct} or
 * {@code SCHEDULER/queue|drop[+KEY=VALUE...]} on the command line, e.g.
 * {@code proportional/queue+repair-losses=false}, so that variants differing in one key run side
 * by side in one bench run.
 */
public record TcpVariant(Kind kind, String scheduler, String whenNoRoom, List<String> options) {
    /** Which tunnel carries the flow. */
    public enum Kind { SINGLE, WIREGUARD, DIRECT, MULTILINK }

    public static final TcpVariant SINGLE = new TcpVariant(Kind.SINGLE, null, null, List.of());
    public static final TcpVariant WIREGUARD = new TcpVariant(Kind.WIREGUARD, null, null, List.of());
    public static final TcpVariant DIRECT = new TcpVariant(Kind.DIRECT, null, null, List.of());

    public TcpVariant {
        options = List.copyOf(options);
    }

    public TcpVariant(String scheduler, String whenNoRoom, List<String> options) {
        this(Kind.MULTILINK, scheduler, whenNoRoom, options);
    }

    public TcpVariant(String scheduler, String whenNoRoom) {
        this(scheduler, whenNoRoom, List.of());
    }

    /** The default set: the baseline, the product's default scheduler, and two others queueing. */
    public static final List<String> DEFAULTS = List.of(
            "single", "proportional/queue", "min-rtt/queue", "most-free-window/queue");

    public static TcpVariant parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("single")) {
            return SINGLE;
        }
        if (t.equals("wireguard")) {
            return WIREGUARD;
        }
        if (t.equals("direct")) {
            return DIRECT;
        }
        List<String> parts = List.of(t.split("\\+"));
        String head = parts.get(0);
        int slash = head.indexOf('/');
        String scheduler = slash < 0 ? head : head.substring(0, slash);
        String policy = slash < 0 ? "queue" : head.substring(slash + 1);
        List<String> options = parts.subList(1, parts.size());
        if (scheduler.isEmpty() || !(policy.equals("queue") || policy.equals("drop"))
                || options.stream().anyMatch(o -> o.indexOf('=') < 1)) {
            throw new IllegalArgumentException(
                    "variant '" + text + "' is not 'single', 'wireguard', 'direct' or SCHEDULER/queue|drop[+KEY=VALUE...]");
        }
        return new TcpVariant(scheduler, policy, options);
    }

    /** Braid over the best link alone: every row's baseline. */
    public boolean isSingle() {
        return kind == Kind.SINGLE;
    }

    public boolean isWireguard() {
        return kind == Kind.WIREGUARD;
    }

    /** No tunnel: plain IP over the best link. */
    public boolean isDirect() {
        return kind == Kind.DIRECT;
    }

    public boolean isMultilink() {
        return kind == Kind.MULTILINK;
    }

    /** The CSV's mode column: single, wireguard, multilink-queue or multilink-drop, then any +KEY=VALUE. */
    public String mode() {
        return isMultilink() ? "multilink-" + whenNoRoom
                + options.stream().map(o -> "+" + o).reduce("", String::concat) : label();
    }

    /** The CSV's scheduler column ("-" for one link). */
    public String schedulerLabel() {
        return isMultilink() ? scheduler : "-";
    }

    /** A file-name-safe label. */
    public String label() {
        if (!isMultilink()) {
            return kind.name().toLowerCase(Locale.ROOT);
        }
        StringBuilder label = new StringBuilder(scheduler + "-" + whenNoRoom);
        for (String o : options) {
            label.append('-').append(o.replace('=', '-'));
        }
        return label.toString();
    }
}
