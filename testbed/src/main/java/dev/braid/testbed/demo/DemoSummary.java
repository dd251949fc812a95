package dev.braid.testbed.demo;

import java.util.Locale;

/** The text printed at the end and written to {@code summary.txt}. */
final class DemoSummary {
    private DemoSummary() {}

    static String render(DemoResult r) {
        DemoSettings s = r.settings();
        double sum = s.sumOfLinkRates() / 1e6;
        double best = s.bestLink().rateMbps();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "braid demo summary%s%n", r.interrupted() ? " (interrupted)" : ""));
        out.append(String.format(Locale.ROOT, "  stream      %.2f Mbit/s CBR of %d-byte UDP packets for %.1f s, proxy -> client, "
                + "scheduler %s%n", s.rateBitsPerSecond() / 1e6, s.packetSize(), r.elapsedSeconds(), s.scheduler()));
        for (int i = 0; i < s.links().size(); i++) {
            DemoLink link = s.links().get(i);
            out.append(String.format(Locale.ROOT, "  %-11s %-22s carried %6.2f Mbit/s on the wire, queue drops %d%n",
                    DemoWorld.linkName(i), link.describe(), r.wireBytes().get(i) * 8 / Math.max(1e-9, r.elapsedSeconds()) / 1e6,
                    r.queueDrops().get(i)));
        }
        out.append(String.format(Locale.ROOT, "  aggregate goodput %6.2f Mbit/s = %5.1f %% of the %.2f Mbit/s sum of the links, "
                + "%.2fx the best single link (%.2f Mbit/s)%n", r.aggregateMbps(), 100 * r.aggregateMbps() / sum, sum,
                r.aggregateMbps() / best, best));
        out.append(String.format(Locale.ROOT, "  in-order goodput  %6.2f Mbit/s = %5.1f %% of the sum, %.2fx the best single link%n",
                r.inOrderMbps(), 100 * r.inOrderMbps() / sum, r.inOrderMbps() / best));
        double steady = r.steadyAggregateMbps();
        if (r.warmupSeconds() >= 1 && !Double.isNaN(steady)) {
            out.append(String.format(Locale.ROOT, "  after the first %.0f s: aggregate %.2f Mbit/s (%.1f %%, %.2fx best), "
                    + "in-order %.2f Mbit/s%n", r.warmupSeconds(), steady, 100 * steady / sum, steady / best,
                    r.steadyInOrderMbps()));
        }
        out.append(String.format(Locale.ROOT, "  packets     sent %d, delivered %d unique (%.1f %%), %d in order, %d late, "
                + "%d duplicates (not counted)%n", r.sent(), r.unique(), r.sent() == 0 ? 0 : 100.0 * r.unique() / r.sent(),
                r.inOrder(), r.late(), r.duplicates()));
        if (r.skipped() > 0) {
            out.append(String.format(Locale.ROOT, "  generator   stalled and skipped %d packets (a loaded machine): "
                    + "the offered rate was lower%n", r.skipped()));
        }
        out.append(String.format(Locale.ROOT, "  proxy drops %d packets found no room in any link's window (the paper's "
                + "Algorithm 1 drops them)%n", r.proxyDrops()));
        out.append(String.format(Locale.ROOT, "  resequencer at most %d packets buffered (sampled each second)%n",
                r.maxBuffered()));
        if (r.realtime() != null) {
            realtime(out, r.realtime());
        }
        out.append("  goodput counts unique inner packets by sequence number; link rates include Braid's headers\n");
        return out.toString();
    }

    private static void realtime(StringBuilder out, RealtimeResult rt) {
        out.append(String.format(Locale.ROOT, "  realtime    %d-byte UDP packets every %d ms beside the bulk stream, "
                + "proxy -> client: sent %d, delivered %d, lost %d (%.2f %%), %d duplicates%n", rt.packetBytes(),
                rt.intervalNanos() / 1_000_000, rt.sent(), rt.delivered(), rt.lost(), rt.lossPercent(),
                rt.duplicates()));
        out.append(String.format(Locale.ROOT, "  realtime    one-way delay %s over the run (the fast link's own one-way "
                + "delay is %.1f ms)%n", rt.whole().describe(), rt.fastLinkOneWayMillis()));
        LatencyStats judged = rt.whole();
        double lossPercent = rt.lossPercent();
        String which = "the run";
        if (rt.warmupSeconds() >= 1 && rt.steady().count() > 0) {
            judged = rt.steady();
            lossPercent = rt.steadyLoss().percent();
            which = String.format(Locale.ROOT, "after the first %.0f s", rt.warmupSeconds());
            out.append(String.format(Locale.ROOT, "  realtime    one-way delay %s %s, lost %d of %d (%.2f %%)%n",
                    judged.describe(), which, rt.steadyLoss().lost(), rt.steadyLoss().sent(), lossPercent));
        }
        out.append(String.format(Locale.ROOT, "  realtime    against issue 15's targets (%s): %s%n", which,
                RealtimeTargets.verdict(judged, lossPercent, rt.fastLinkOneWayMillis())));
    }
}
