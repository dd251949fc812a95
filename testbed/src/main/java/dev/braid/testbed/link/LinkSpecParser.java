package dev.braid.testbed.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parses the compact link spec strings used on command lines.
 *
 * <pre>
 * SPEC    := HEAD? ("," OPTION)*          e.g.  8mbit/50ms,jitter=2ms,loss=0.5%,queue=100ms
 * HEAD    := RATE "/" DURATION | RATE     (or "unlimited"; an empty spec is unlimited too)
 * OPTION  := rate=RATE | delay=DURATION | jitter=DURATION | loss=PROB
 *          | ge=P/R[/LOSS_BAD[/LOSS_GOOD]]            Gilbert–Elliott (defaults 100% / 0%)
 *          | queue=DURATION | queue=BYTES              drop-tail limit (both may be given)
 *          | reorder[=true|false] | trace=FILE         mahimahi trace, replaces the rate
 *          | at=DURATION:ACTION                        scheduled event, may repeat
 * ACTION  := down | up | rate=RATE | delay=DURATION
 * RATE    := NUMBER (bit|kbit|mbit|gbit|bps|kbps|mbps|gbps) | 0   decimal units, bits per second
 * DURATION:= NUMBER (ns|us|ms|s)
 * PROB    := NUMBER% | NUMBER in [0, 1]
 * BYTES   := NUMBER (b|kb|kib|mb|mib)
 * </pre>
 * A whole link is {@code UP|DOWN}, or a single spec used for both directions.
 */
public final class LinkSpecParser {

    private final Path baseDirectory;

    /** Trace files are resolved against the working directory. */
    public LinkSpecParser() {
        this(Path.of(""));
    }

    /** Trace files with relative names are resolved against {@code baseDirectory}. */
    public LinkSpecParser(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /** Parses one direction, e.g. {@code 8mbit/50ms,loss=1%}. */
    public DirectionSpec parseDirection(String spec) {
        String text = spec == null ? "" : spec.strip();
        DirectionSpec.Builder builder = DirectionSpec.builder();
        if (text.isEmpty()) {
            return builder.build();
        }
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                throw error(text, part, "an empty element (doubled or trailing comma?)");
            }
            if (i == 0 && !part.contains("=") && !part.equalsIgnoreCase("reorder")) {
                parseHead(text, part, builder);
            } else {
                parseOption(text, part, builder);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new LinkSpecException("link spec '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Parses {@code UP|DOWN}, or one spec for both directions. */
    public LinkSpec parseLink(String spec) {
        String text = spec == null ? "" : spec;
        int bar = text.indexOf('|');
        if (bar < 0) {
            return LinkSpec.symmetric(parseDirection(text));
        }
        if (text.indexOf('|', bar + 1) >= 0) {
            throw new LinkSpecException("link spec '" + text + "': at most one '|' (UP|DOWN) is allowed");
        }
        return new LinkSpec(parseDirection(text.substring(0, bar)), parseDirection(text.substring(bar + 1)));
    }

    private void parseHead(String spec, String head, DirectionSpec.Builder builder) {
        int slash = head.indexOf('/');
        if (slash < 0) {
            builder.rate(rate(spec, head));
        } else {
            builder.rate(rate(spec, head.substring(0, slash)));
            builder.delay(duration(spec, head.substring(slash + 1)));
        }
    }

    private void parseOption(String spec, String option, DirectionSpec.Builder builder) {
        int eq = option.indexOf('=');
        String key = (eq < 0 ? option : option.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : option.substring(eq + 1).strip();
        switch (key) {
            case "rate" -> builder.rate(rate(spec, value));
            case "delay" -> builder.delay(duration(spec, value));
            case "jitter" -> builder.jitter(duration(spec, value));
            case "loss" -> builder.loss(probability(spec, value));
            case "ge" -> builder.burstLoss(gilbertElliott(spec, value));
            case "queue" -> parseQueue(spec, value, builder);
            case "reorder" -> builder.allowReorder(eq < 0 || bool(spec, value));
            case "trace" -> builder.trace(trace(spec, value));
            case "at" -> builder.event(event(spec, value));
            default -> throw error(spec, option, "a known option: rate, delay, jitter, loss, ge, queue, "
                    + "reorder, trace, at");
        }
    }

    /** Keeps an earlier limit of the other kind, so "queue=100ms,queue=64kb" sets both. */
    private void parseQueue(String spec, String value, DirectionSpec.Builder builder) {
        QueueLimit queueSoFar = builder.queueLimit();
        String unit = unitOf(value);
        QueueLimit limit;
        if (isDurationUnit(unit)) {
            limit = new QueueLimit(queueSoFar.maxBytes(), duration(spec, value));
        } else {
            limit = new QueueLimit(bytes(spec, value), queueSoFar.maxDelayNanos());
        }
        builder.queue(limit);
    }

    private LinkEvent event(String spec, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw error(spec, "at=" + value, "at=TIME:ACTION, e.g. at=10s:down or at=5s:rate=2mbit");
        }
        long at = duration(spec, value.substring(0, colon));
        String action = value.substring(colon + 1).strip();
        String lower = action.toLowerCase(Locale.ROOT);
        if (lower.equals("down")) {
            return new LinkEvent.Down(at);
        }
        if (lower.equals("up")) {
            return new LinkEvent.Up(at);
        }
        if (lower.startsWith("rate=")) {
            return new LinkEvent.RateChange(at, rate(spec, action.substring(5)));
        }
        if (lower.startsWith("delay=")) {
            return new LinkEvent.DelayChange(at, duration(spec, action.substring(6)));
        }
        throw error(spec, action, "an event action: down, up, rate=RATE or delay=DURATION");
    }

    private CapacityTrace trace(String spec, String file) {
        if (file.isEmpty()) {
            throw error(spec, "trace=", "trace=FILE");
        }
        Path path = baseDirectory.resolve(file);
        try {
            return CapacityTrace.read(path);
        } catch (IOException e) {
            throw new LinkSpecException("link spec '" + spec + "': cannot read trace file " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new LinkSpecException("link spec '" + spec + "': bad trace file: " + e.getMessage(), e);
        }
    }

    private GilbertElliott gilbertElliott(String spec, String value) {
        String[] f = value.split("/", -1);
        if (f.length < 2 || f.length > 4) {
            throw error(spec, "ge=" + value, "ge=P/R[/LOSS_BAD[/LOSS_GOOD]], e.g. ge=1%/30%");
        }
        double p = probability(spec, f[0]);
        double r = probability(spec, f[1]);
        double bad = f.length > 2 ? probability(spec, f[2]) : 1.0;
        double good = f.length > 3 ? probability(spec, f[3]) : 0.0;
        try {
            return new GilbertElliott(p, r, bad, good);
        } catch (IllegalArgumentException e) {
            throw new LinkSpecException("link spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** Bits per second. */
    static long rate(String spec, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0") || t.equals("unlimited") || t.equals("inf")) {
            return 0;
        }
        String unit = unitOf(t);
        long multiplier = switch (unit) {
            case "bit", "bps" -> 1L;
            case "kbit", "kbps" -> 1_000L;
            case "mbit", "mbps" -> 1_000_000L;
            case "gbit", "gbps" -> 1_000_000_000L;
            default -> throw error(spec, text, "a rate like 8mbit, 500kbit, 1gbit (or 0 for unlimited)");
        };
        return Math.round(number(spec, text, t.substring(0, t.length() - unit.length())) * multiplier);
    }

    /** Nanoseconds. */
    static long duration(String spec, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return 0;
        }
        String unit = unitOf(t);
        long multiplier = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw error(spec, text, "a duration like 50ms, 1.5s, 200us");
        };
        return Math.round(number(spec, text, t.substring(0, t.length() - unit.length())) * multiplier);
    }

    static long bytes(String spec, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String unit = unitOf(t);
        long multiplier = switch (unit) {
            case "b" -> 1L;
            case "kb" -> 1_000L;
            case "kib" -> 1_024L;
            case "mb" -> 1_000_000L;
            case "mib" -> 1_048_576L;
            default -> throw error(spec, text, "a size like 64kb, 150000b, 1mib or a delay like 100ms");
        };
        return Math.round(number(spec, text, t.substring(0, t.length() - unit.length())) * multiplier);
    }

    static double probability(String spec, String text) {
        String t = text.strip();
        double p = t.endsWith("%")
                ? number(spec, text, t.substring(0, t.length() - 1)) / 100
                : number(spec, text, t);
        if (p < 0 || p > 1) {
            throw error(spec, text, "a probability in [0, 1] or a percentage like 0.5%");
        }
        return p;
    }

    /** Parses a rate such as {@code 8mbit} to bit/s, for options outside a spec string. */
    public static long parseRate(String text) {
        return rate(text, text);
    }

    /** Parses a duration such as {@code 50ms} or {@code 1.5s} to nanoseconds. */
    public static long parseDuration(String text) {
        return duration(text, text);
    }

    private static boolean bool(String spec, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw error(spec, text, "true or false");
        };
    }

    private static double number(String spec, String whole, String digits) {
        try {
            double value = Double.parseDouble(digits);
            if (!Double.isFinite(value) || value < 0) {
                throw error(spec, whole, "a non-negative number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(spec, whole, "a number followed by a unit");
        }
    }

    private static String unitOf(String text) {
        int i = text.length();
        while (i > 0 && Character.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return text.substring(i).toLowerCase(Locale.ROOT);
    }

    private static boolean isDurationUnit(String unit) {
        return unit.equals("ns") || unit.equals("us") || unit.equals("ms") || unit.equals("s");
    }

    private static LinkSpecException error(String spec, String part, String expected) {
        return new LinkSpecException("link spec '" + spec + "': cannot understand '" + part + "', expected " + expected);
    }
}
