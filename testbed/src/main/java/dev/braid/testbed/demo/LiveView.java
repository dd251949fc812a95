package dev.braid.testbed.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The once-per-second view. On a terminal the block is redrawn in place (ANSI cursor-up and
 * erase-line); otherwise each second is one plain line, fit for logs and pipes.
 */
final class LiveView {
    private static final String ERASE_LINE = "\033[2K";

    private final DemoSettings settings;
    private final PrintWriter out;
    private int linesDrawn;

    LiveView(DemoSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    void show(Sample sample) {
        if (settings.live()) {
            redraw(block(sample));
        } else {
            out.println(line(sample));
        }
        out.flush();
    }

    private void redraw(List<String> lines) {
        StringBuilder text = new StringBuilder();
        if (linesDrawn > 0) {
            text.append("\033[").append(linesDrawn).append('A');
        }
        for (String line : lines) {
            text.append('\r').append(ERASE_LINE).append(line).append('\n');
        }
        out.print(text);
        linesDrawn = lines.size();
    }

    List<String> block(Sample s) {
        double best = settings.bestLink().rateMbps();
        double sum = settings.sumOfLinkRates() / 1e6;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("braid demo  %4.0f s of %.0f s   offered %.2f Mbit/s CBR   scheduler %s",
                s.seconds(), settings.durationNanos() / 1e9, settings.rateBitsPerSecond() / 1e6, settings.scheduler()));
        lines.add(String.format("  %-6s %-22s %9s %6s %9s %7s %7s", "link", "capacity", "Mbit/s", "cwnd", "srtt ms",
                "loss %", "share %"));
        for (int i = 0; i < s.links().size(); i++) {
            Sample.LinkSample l = s.links().get(i);
            lines.add(String.format("  %-6s %-22s %9.2f %6d %9.1f %7.1f %7.1f", DemoWorld.linkName(i),
                    settings.links().get(i).describe(), l.wireMbps(), l.cwnd(), l.srttMillis(), l.lossPercent(),
                    l.sharePercent()));
        }
        lines.add(String.format("  aggregate goodput %6.2f Mbit/s (%3.0f %% of the %.2f sum, %.2fx the best single link's %.2f)",
                s.aggregateMbps(), 100 * s.aggregateMbps() / sum, sum, s.aggregateMbps() / best, best));
        lines.add(String.format("  in-order goodput  %6.2f Mbit/s   resequencer buffer %d packets   no-room drops %d/s",
                s.inOrderMbps(), s.resequencerBuffered(), s.proxyDrops()));
        if (s.realtime() != null) {
            Sample.RealtimeSample r = s.realtime();
            lines.add(String.format("  realtime %d B/%d ms on %s (%s): one-way %s (fast link %.1f ms)  lost %d of %d  "
                    + "copies %d", DemoRun.REALTIME_PAYLOAD, DemoRun.REALTIME_INTERVAL_NANOS / 1_000_000, r.link(),
                    r.flowClass(), r.delay().describe(), fastLinkOneWayMillis(), r.lost(), r.judged(), r.copies()));
        }
        return lines;
    }

    String line(Sample s) {
        StringBuilder text = new StringBuilder(String.format("%5.1fs", s.seconds()));
        for (int i = 0; i < s.links().size(); i++) {
            Sample.LinkSample l = s.links().get(i);
            text.append(String.format(" | %s %5.2f Mbit/s cwnd %3d srtt %5.1f ms loss %4.1f%% share %4.1f%%",
                    DemoWorld.linkName(i), l.wireMbps(), l.cwnd(), l.srttMillis(), l.lossPercent(), l.sharePercent()));
        }
        text.append(String.format(" | aggregate %5.2f in-order %5.2f Mbit/s (best link %.2f) buffer %d",
                s.aggregateMbps(), s.inOrderMbps(), settings.bestLink().rateMbps(), s.resequencerBuffered()));
        if (s.realtime() != null) {
            Sample.RealtimeSample r = s.realtime();
            text.append(String.format(" | realtime on %s %s (fast link %.1f ms) lost %d/%d copies %d", r.link(),
                    r.delay().describe(), fastLinkOneWayMillis(), r.lost(), r.judged(), r.copies()));
        }
        return text.toString();
    }

    private double fastLinkOneWayMillis() {
        return settings.lowestDelayLink().link().down().delayNanos() / 1e6;
    }
}
