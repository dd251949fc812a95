package dev.braid.testbed.bench.paper;

import dev.braid.testbed.bench.paper.PaperFigure.Row;
import dev.braid.testbed.link.CapacityTrace;
import dev.braid.testbed.scenario.LinkProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's figures 4-9 as runs. Figures 4-8 scale with the sum S of the link rates (the paper:
 * S = 10 Mbit/s, a stream of S offered); shares are tenths of S, "RTT &lt; 1 ms" is 0.5 ms and the
 * delay is the round-trip time (each direction gets half), as in {@code bench aggregation}.
 * Figure 9 is the real-world case at its own rates: WLAN ~4 Mbit/s / 25 ms and HSDPA
 * ~2.5 Mbit/s / 60 ms with variable capacity from the shipped synthetic traces, 10 Mbit/s offered,
 * for at least one loop of the traces (60 s) so that they average their nominal rates.
 */
public final class PaperFigures {
    /** RTT of the paper's "RTT &lt; 1 ms" links. */
    public static final double SUB_MS_RTT = 0.5;
    public static final double WLAN_RTT_MS = 25;
    public static final double HSDPA_RTT_MS = 60;
    /** The paper's real-world numbers (section IV-B). */
    public static final double PAPER_FIG9_AGGREGATE = 5.52;
    public static final double PAPER_FIG9_WLAN_ONLY = 3.34;
    /** The paper's offered stream in the real-world case. */
    public static final long FIG9_OFFERED = 10_000_000L;

    private final long sumMbit;
    private final Map<String, PaperCase> cases = new LinkedHashMap<>();

    private PaperFigures(long sumMbit) {
        this.sumMbit = sumMbit;
    }

    /**
     * @param numbers which figures (4..9); fig. 9 only if {@code withRealWorld}
     */
    public static List<PaperFigure> of(long sumMbit, List<Integer> numbers, boolean withRealWorld) {
        PaperFigures f = new PaperFigures(sumMbit);
        List<PaperFigure> out = new ArrayList<>();
        for (int n : numbers) {
            switch (n) {
                case 4 -> out.add(f.fig4());
                case 5 -> out.add(f.fig5());
                case 6 -> out.add(f.fig6());
                case 7 -> out.add(f.fig7());
                case 8 -> out.add(f.fig8());
                case 9 -> {
                    if (withRealWorld) {
                        out.add(fig9());
                    }
                }
                default -> throw new IllegalArgumentException("no figure " + n + " (4..9)");
            }
        }
        return out;
    }

    /** The distinct runs the figures need, in first-use order. */
    public static List<PaperCase> runs(List<PaperFigure> figures) {
        Map<PaperCase, Boolean> seen = new LinkedHashMap<>();
        figures.forEach(fig -> fig.rows().forEach(r -> seen.putIfAbsent(r.run(), true)));
        return new ArrayList<>(seen.keySet());
    }

    private PaperFigure fig4() {
        List<Row> rows = new ArrayList<>();
        int[][] ratios = {{10, 0}, {5, 0}, {5, 5}, {6, 0}, {6, 4}, {8, 0}, {8, 2}};
        for (int[] r : ratios) {
            String label = r[0] + ":" + r[1];
            rows.add(new Row(label, r[1] == 0 ? "Single-link" : "Multi-link", ratio(r[0], r[1], SUB_MS_RTT, SUB_MS_RTT)));
        }
        return new PaperFigure(4, "fig4-" + sumMbit + "mbit",
                "Fig. 4: average aggregated throughput, bandwidth ratios (sum " + sumMbit + " Mbit/s, RTT 0.5 ms)",
                false, "Ten one-minute runs per ratio; the proxy \"achieved close to the same bandwidth as a single "
                        + "10Mbit/s link, and gave a significant performance increase over a single link for all "
                        + "levels of heterogeneity\" (no numbers in the text).", rows);
    }

    private PaperFigure fig5() {
        List<Row> rows = new ArrayList<>();
        PaperCase single = ratio(5, 0, 10, 10);
        for (int rtt = 10; rtt <= 100; rtt += 10) {
            String label = "10:" + rtt;
            rows.add(new Row(label, "Single-link (" + tenths(5) + " Mbit/s 10 ms)", single));
            rows.add(new Row(label, "Multi-link", ratio(5, 5, 10, rtt)));
        }
        return new PaperFigure(5, "fig5-" + sumMbit + "mbit",
                "Fig. 5: average aggregated throughput, RTT 10 ms : r ms (2 x " + tenths(5) + " Mbit/s)",
                false, "Ten one-minute runs per RTT; \"significantly improved the performance compared to a "
                        + "single 5 Mbit/s link\", with \"a small decrease in the aggregated bandwidth ... as the "
                        + "heterogeneity increases\" (no numbers in the text).", rows);
    }

    private PaperFigure fig6() {
        return series(6, "fig6-" + sumMbit + "mbit", "Fig. 6: in-order throughput, bandwidth ratio 8:2 (RTT 0.5 ms)",
                "\"The in-order throughput increased significantly, however, a bursty pattern can be observed\" "
                        + "(spikes when a packet from the slow link fills a gap).",
                ratio(8, 2, SUB_MS_RTT, SUB_MS_RTT), "8:0", ratio(8, 0, SUB_MS_RTT, SUB_MS_RTT));
    }

    private PaperFigure fig7() {
        return series(7, "fig7-" + sumMbit + "mbit", "Fig. 7: in-order throughput, RTT 10 ms : 100 ms (2 x "
                        + tenths(5) + " Mbit/s)",
                "In-order throughput \"significantly better than that of a single link\"; after congestion on "
                        + "the 100 ms link it takes \"a significant amount of time\" to grow back; no large spikes "
                        + "(homogeneous bandwidth).",
                ratio(5, 5, 10, 100), "5:0 10ms", ratio(5, 0, 10, 10));
    }

    private PaperFigure fig8() {
        return series(8, "fig8-" + sumMbit + "mbit", "Fig. 8: in-order throughput, 8:2 with RTT 10 ms : 100 ms",
                "\"A more bursty traffic pattern\" than fig. 6 (the slow link also has the long RTT), and the "
                        + "drops of fig. 7 are less visible (less traffic on the long-RTT link).",
                ratio(8, 2, 10, 100), "8:0 10ms", ratio(8, 0, 10, 10));
    }

    private static PaperFigure fig9() {
        CapacityTrace wlan = SyntheticTrace.Shipped.WLAN.load();
        CapacityTrace hsdpa = SyntheticTrace.Shipped.HSDPA.load();
        long loop = Math.max(wlan.periodNanos(), hsdpa.periodNanos());
        PaperCase both = new PaperCase("WLAN+HSDPA", List.of(LinkProfile.ofTrace(wlan, WLAN_RTT_MS),
                LinkProfile.ofTrace(hsdpa, HSDPA_RTT_MS)), FIG9_OFFERED, loop);
        PaperCase wlanOnly = new PaperCase("WLAN only", List.of(LinkProfile.ofTrace(wlan, WLAN_RTT_MS)), FIG9_OFFERED,
                loop);
        return new PaperFigure(9, "fig9-real-world",
                "Fig. 9: in-order throughput, WLAN 4 Mbit/s 25 ms + HSDPA 2.5 Mbit/s 60 ms, synthetic traces",
                true, String.format(java.util.Locale.ROOT, "Real WLAN + HSDPA, 10 Mbit/s offered: average aggregated "
                        + "bandwidth %.2f Mbit/s vs %.2f Mbit/s over WLAN only; in-order throughput \"significantly "
                        + "more bursty\" than in the controlled environment.", PAPER_FIG9_AGGREGATE, PAPER_FIG9_WLAN_ONLY),
                List.of(new Row("WLAN+HSDPA", "Multi-link", both), new Row("WLAN only", "WLAN only", wlanOnly)));
    }

    private PaperFigure series(int number, String file, String title, String paperSays, PaperCase multi,
                               String aloneLabel, PaperCase alone) {
        return new PaperFigure(number, file, title + ", sum " + sumMbit + " Mbit/s", true, paperSays,
                List.of(new Row(multi.key(), "Multi-link", multi), new Row(aloneLabel, "Single-link " + aloneLabel, alone)));
    }

    /** Two links (or one, if {@code slow} is 0) of a:b tenths of the sum with the given RTTs. */
    private PaperCase ratio(int fast, int slow, double fastRtt, double slowRtt) {
        String key = fast + ":" + slow + (fastRtt == SUB_MS_RTT ? "" : " " + PaperCase.trim(fastRtt) + "ms"
                + (slow == 0 ? "" : ":" + PaperCase.trim(slowRtt) + "ms"));
        return cases.computeIfAbsent(key, k -> {
            List<LinkProfile> links = new ArrayList<>();
            links.add(LinkProfile.of(fast * sumMbit / 10.0, fastRtt));
            if (slow > 0) {
                links.add(LinkProfile.of(slow * sumMbit / 10.0, slowRtt));
            }
            return new PaperCase(k, links, sumMbit * 1_000_000L, 0);
        });
    }

    private String tenths(int share) {
        return PaperCase.trim(share * sumMbit / 10.0);
    }
}
