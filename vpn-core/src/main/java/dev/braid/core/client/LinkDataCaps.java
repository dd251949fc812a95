package dev.braid.core.client;

import dev.braid.core.files.StateFileWriter;
import dev.braid.core.metrics.MetricsSample;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's data caps at work: counts what the session's links move (each tick, on the event
 * loop), lowers a link at its cap to backup until its period ends, and keeps the counts in the
 * {@code data-usage} file, written at most every {@value #WRITE_EVERY_SECONDS} s and at stop.
 */
final class LinkDataCaps implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkDataCaps.class);
    private static final long WRITE_EVERY_SECONDS = 10;
    /** Outer IP and UDP headers per datagram, which a provider counts too. */
    private static final int IPV4_UDP_HEADERS = 28;
    private static final int IPV6_UDP_HEADERS = 48;

    private final DataCapLedger ledger;
    private final Path file;
    private final Clock wall;
    /** Null until the first write; only capped configs write. */
    private StateFileWriter writer;
    /** What each link object had moved at the last count: a new session starts its links at zero. */
    private final Map<LinkHandle, Long> counted = new IdentityHashMap<>();
    private long lastWriteSeconds;

    private LinkDataCaps(DataCapLedger ledger, Path file, Clock wall) {
        this.ledger = ledger;
        this.file = file;
        this.wall = wall;
        this.lastWriteSeconds = wall.instant().getEpochSecond();
    }

    /** The caps of {@code links}, with the counts {@code file} kept (read only when some link has a cap). */
    static LinkDataCaps open(Path file, Collection<LinkConfig> links, Clock wall) throws IOException {
        LinkDataCaps caps = new LinkDataCaps(new DataCapLedger(links, savedCounts(file, links), LocalDate.now(wall)), file, wall);
        caps.logCaps(links);
        return caps;
    }

    /** What {@code file} holds, when one of {@code links} has a cap (blocking: off the event loop). */
    static Map<String, DataCapLedger.Usage> savedCounts(Path file, Collection<LinkConfig> links) throws IOException {
        if (links.stream().noneMatch(link -> link.getDataCap().bytes() > 0)) {
            return Map.of();
        }
        DataUsageFile.Contents contents = new DataUsageFile(file).read();
        if (contents.badLines() > 0) {
            log.warn("data usage {}: {} line(s) skipped (not LINK PERIOD-START BYTES); they are rewritten without them",
                    file, contents.badLines());
        }
        return contents.usage();
    }

    /** A reload's links (on the event loop); {@code saved}: what the file held, read before. */
    void reconfigure(Collection<LinkConfig> links, Map<String, DataCapLedger.Usage> saved) {
        ledger.reconfigure(links, saved, LocalDate.now(wall));
        logCaps(links);
    }

    private void logCaps(Collection<LinkConfig> links) {
        for (LinkConfig link : links) {
            if (ledger.hasCap(link.getName())) {
                log.info("link {}: data cap {}", link.getName(), ledger.describe(link.getName()));
            }
        }
    }

    Path file() {
        return file;
    }

    /** How {@code link} is used now: as configured, or as backup while at its cap. */
    LinkUse use(LinkConfig link) {
        LinkUse use = link.use();
        return ledger.isCapped(link.getName()) ? use.withPriority(LinkPriority.BACKUP) : use;
    }

    /**
     * Counts what {@code links} moved since the last call and writes the file when it is due.
     * @return the names of the links whose use changed (a cap reached, or a new period)
     */
    List<String> account(List<LinkHandle> links) {
        LocalDate today = LocalDate.now(wall);
        List<String> changed = new ArrayList<>(ledger.rollOver(today));
        counted.keySet().retainAll(links);
        for (LinkHandle link : links) {
            if (!ledger.hasCap(link.name())) {
                continue;
            }
            long total = wireBytes(link);
            Long before = counted.put(link, total);
            if (ledger.add(link.name(), total - (before == null ? 0 : before), today) && !changed.contains(link.name())) {
                changed.add(link.name());
            }
        }
        for (String link : changed) {
            if (ledger.isCapped(link)) {
                log.warn("link {} reached its data cap ({}): it carries data only as a backup now", link, ledger.describe(link));
            } else {
                log.info("link {}: a new data-cap period ({}), used as configured again", link, ledger.describe(link));
            }
        }
        long now = wall.instant().getEpochSecond();
        if (now - lastWriteSeconds >= WRITE_EVERY_SECONDS || !changed.isEmpty()) {
            lastWriteSeconds = now;
            writeIfChanged();
        }
        return changed;
    }

    private static long wireBytes(LinkHandle link) {
        int headers = link.remoteAddress() != null && link.remoteAddress().getAddress() instanceof Inet6Address
                ? IPV6_UDP_HEADERS : IPV4_UDP_HEADERS;
        var c = link.counters();
        return c.bytesOut() + c.bytesIn() + headers * (c.packetsOut() + c.packetsIn());
    }

    private void writeIfChanged() {
        if (ledger.takeChanged()) {
            if (writer == null) {
                writer = new StateFileWriter(file, "data usage", "the counts are kept in memory meanwhile");
            }
            writer.write(DataUsageFile.text(ledger.snapshot()));
        }
    }

    /** "1.2 GB of 5 GB this month", or empty for a link without a cap. */
    String describe(String link) {
        return ledger.describe(link);
    }

    /** A capped link's count for the metrics, or null. */
    MetricsSample.DataCapSample sample(String link) {
        DataCapLedger.Figures figures = ledger.figures(link);
        return figures == null ? null : new MetricsSample.DataCapSample(figures.usedBytes(), figures.capBytes());
    }

    /** A capped link's figures for {@code status --json}, or null. */
    Map<String, Object> figures(String link) {
        DataCapLedger.Figures figures = ledger.figures(link);
        if (figures == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("used_bytes", figures.usedBytes());
        json.put("cap_bytes", figures.capBytes());
        json.put("period", figures.period().name().toLowerCase(Locale.ROOT));
        json.put("period_start", figures.periodStart().toString());
        json.put("at_cap", figures.atCap());
        return json;
    }

    /** Writes the last counts (call on the event loop, or after it stopped). */
    @Override
    public void close() throws InterruptedException {
        writeIfChanged();
        if (writer != null) {
            writer.close();
        }
    }
}
