package dev.braid.core.client;

import dev.braid.core.config.DataSize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data caps of the client's links, sans I/O: bytes counted per link and period, and whether a
 * link is at its cap. The caller hands in today's date (in the machine's time zone) and what each
 * link moved; links without a {@code data-cap} are not counted.
 */
final class DataCapLedger {
    /** A link's count in the period that began on {@code periodStart}. */
    record Usage(LocalDate periodStart, long bytes) {}

    private static final class Count {
        final long capBytes;
        final DataCapPeriod period;
        LocalDate start;
        long bytes;

        Count(long capBytes, DataCapPeriod period, LocalDate start, long bytes) {
            this.capBytes = capBytes;
            this.period = period;
            this.start = start;
            this.bytes = bytes;
        }

        boolean capped() {
            return bytes >= capBytes;
        }
    }

    private final Map<String, Count> counts = new LinkedHashMap<>();
    private boolean changed;

    /** The links' caps, with the counts of {@code saved} that belong to today's periods. */
    DataCapLedger(Collection<LinkConfig> links, Map<String, Usage> saved, LocalDate today) {
        configure(links, saved, today);
    }

    /**
     * A reload's links: the counts of links still capped are kept (what this process counted wins
     * over {@code saved}); links newly capped start from {@code saved}; the others are forgotten.
     */
    void reconfigure(Collection<LinkConfig> links, Map<String, Usage> saved, LocalDate today) {
        Map<String, Usage> merged = new LinkedHashMap<>(saved);
        merged.putAll(snapshot());
        configure(links, merged, today);
        changed = true;
    }

    private void configure(Collection<LinkConfig> links, Map<String, Usage> saved, LocalDate today) {
        counts.clear();
        for (LinkConfig link : links) {
            if (link.getDataCap().bytes() == 0) {
                continue;
            }
            LocalDate start = link.getDataCapPeriod().start(today);
            Usage usage = saved.get(link.getName());
            long bytes = usage != null && usage.periodStart().equals(start) ? usage.bytes() : 0;
            counts.put(link.getName(), new Count(link.getDataCap().bytes(), link.getDataCapPeriod(), start, bytes));
        }
    }

    boolean isCapped(String link) {
        Count count = counts.get(link);
        return count != null && count.capped();
    }

    boolean hasCap(String link) {
        return counts.containsKey(link);
    }

    /**
     * Counts {@code bytes} that {@code link} moved today (a new period first starts the count
     * again). @return whether the link's capped state changed
     */
    boolean add(String link, long bytes, LocalDate today) {
        Count count = counts.get(link);
        if (count == null) {
            return false;
        }
        boolean was = count.capped();
        newPeriod(count, today);
        if (bytes > 0) {
            count.bytes += bytes;
            changed = true;
        }
        return was != count.capped();
    }

    /** Starts the counts whose period ended. @return the links whose capped state changed */
    List<String> rollOver(LocalDate today) {
        List<String> flipped = new ArrayList<>();
        counts.forEach((link, count) -> {
            boolean was = count.capped();
            newPeriod(count, today);
            if (was != count.capped()) {
                flipped.add(link);
            }
        });
        return flipped;
    }

    private void newPeriod(Count count, LocalDate today) {
        LocalDate start = count.period.start(today);
        if (!start.equals(count.start)) {
            count.start = start;
            count.bytes = 0;
            changed = true;
        }
    }

    /** Every capped link's count, in the config's order. */
    Map<String, Usage> snapshot() {
        Map<String, Usage> usage = new LinkedHashMap<>();
        counts.forEach((link, count) -> usage.put(link, new Usage(count.start, count.bytes)));
        return usage;
    }

    /** Whether a count changed since the last call. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** "1.2 GB of 5 GB this month", or empty for a link without a cap. */
    String describe(String link) {
        Count count = counts.get(link);
        if (count == null) {
            return "";
        }
        return decimal(count.bytes) + " of " + DataSize.ofBytes(count.capBytes) + " this "
                + count.period.name().toLowerCase(Locale.ROOT) + (count.capped() ? " (at the cap: backup until "
                + (count.period == DataCapPeriod.DAY ? count.start.plusDays(1) : count.start.plusMonths(1)) + ")" : "");
    }

    /** "812 kB", "1.2 GB": three significant figures are what an operator compares with a bill. */
    static String decimal(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s",
                value, units[unit]);
    }

    /** A capped link's count now. */
    record Figures(long usedBytes, long capBytes, DataCapPeriod period, LocalDate periodStart, boolean atCap) {}

    /** A capped link's count now, or null for a link without a cap. */
    Figures figures(String link) {
        Count count = counts.get(link);
        return count == null ? null : new Figures(count.bytes, count.capBytes, count.period, count.start, count.capped());
    }
}
