package dev.braid.testbed.bench;

import dev.braid.testbed.scenario.LinkProfile;
import dev.braid.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's controlled-environment matrix (section IV-A) scaled to a sum of link rates:
 * <ul>
 *   <li>{@code bandwidth}: ratios 10:0, 5:5, 6:4, 8:2 of the sum (in tenths), RTT 0.5 ms on
 *       both links (the paper: "&lt; 1 ms"); 10:0 is one link;</li>
 *   <li>{@code delay}: two links of sum/2, RTT 10 ms and r ms, r = 10, 20 ... 100. As in the
 *       paper, "delay" means round-trip time: each direction gets half of it;</li>
 *   <li>{@code combined}: 8:2 with RTTs 10 ms : 100 ms (the fast link has the short RTT).</li>
 * </ul>
 */
public final class AggregationMatrix {
    /** RTT of the "RTT &lt; 1 ms" links. */
    public static final double SUB_MS_RTT_MILLIS = 0.5;

    private AggregationMatrix() {
    }

    /**
     * @param template carries everything but the name and links (duration, seed, settings...)
     */
    public static List<BenchCase> cases(long sumMbit, Scenario.Builder template) {
        List<BenchCase> cases = new ArrayList<>();
        double tenth = sumMbit / 10.0;
        int[][] ratios = {{10, 0}, {5, 5}, {6, 4}, {8, 2}};
        for (int[] r : ratios) {
            List<LinkProfile> links = new ArrayList<>();
            for (int share : r) {
                if (share > 0) {
                    links.add(LinkProfile.of(share * tenth, SUB_MS_RTT_MILLIS));
                }
            }
            String label = r[0] + ":" + r[1];
            cases.add(new BenchCase("bandwidth", label, build(template, sumMbit, label, links)));
        }
        for (int rtt = 10; rtt <= 100; rtt += 10) {
            String label = "10ms:" + rtt + "ms";
            cases.add(new BenchCase("delay", label, build(template, sumMbit, label,
                    List.of(LinkProfile.of(sumMbit / 2.0, 10), LinkProfile.of(sumMbit / 2.0, rtt)))));
        }
        String label = "8:2 10ms:100ms";
        cases.add(new BenchCase("combined", label, build(template, sumMbit, label,
                List.of(LinkProfile.of(8 * tenth, 10), LinkProfile.of(2 * tenth, 100)))));
        return cases;
    }

    private static Scenario build(Scenario.Builder template, long sumMbit, String label, List<LinkProfile> links) {
        return template.name(sumMbit + " Mbit/s " + label).links(links).build();
    }
}
