package dev.braid.testbed.bench.netns;

import java.util.List;
import java.util.Locale;

/**
 * How the tunnel carries the flow: {@code single} (the best link alone, no multilink plugin) or
 * multilink over both links with a scheduler and a {@code when-no-room} policy. Spelled
 * {@code single} or {@code SCHEDULER/queue|drop} on the command line.
 */
public record TcpVariant(String scheduler, String whenNoRoom) {
    public static final TcpVariant SINGLE = new TcpVariant(null, null);

    /** The default set: the baseline, the product's default scheduler, and two others queueing. */
    public static final List<String> DEFAULTS = List.of(
            "single", "proportional/queue", "min-rtt/queue", "most-free-window/queue");

    public static TcpVariant parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("single")) {
            return SINGLE;
        }
        int slash = t.indexOf('/');
        String scheduler = slash < 0 ? t : t.substring(0, slash);
        String policy = slash < 0 ? "queue" : t.substring(slash + 1);
        if (scheduler.isEmpty() || !(policy.equals("queue") || policy.equals("drop"))) {
            throw new IllegalArgumentException("variant '" + text + "' is not 'single' or SCHEDULER/queue|drop");
        }
        return new TcpVariant(scheduler, policy);
    }

    public boolean isSingle() {
        return scheduler == null;
    }

    /** The CSV's mode column: single, multilink-queue or multilink-drop. */
    public String mode() {
        return isSingle() ? "single" : "multilink-" + whenNoRoom;
    }

    /** The CSV's scheduler column ("-" for the single link). */
    public String schedulerLabel() {
        return isSingle() ? "-" : scheduler;
    }

    /** A file-name-safe label. */
    public String label() {
        return isSingle() ? "single" : scheduler + "-" + whenNoRoom;
    }
}
