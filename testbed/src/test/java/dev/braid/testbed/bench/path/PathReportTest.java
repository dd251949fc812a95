package dev.braid.testbed.bench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathReportTest {

    private static PathResult row(int run, String variant, String links, double mbit) {
        return new PathResult("target", "idle", run, variant, links, "tcp", "up", mbit, 0,
                links.equals("both") ? Map.of("a", 3.0 + run, "b", 9.0) : Map.of(),
                links.equals("both") ? Map.of("a", 1.0, "b", 2.0 * run) : Map.of());
    }

    @Test
    void ratiosAreTakenWithinARunAndTheWorstRunIsReported() {
        List<PathResult> results = List.of(
                row(1, "single", "best", 45), row(1, "bbr", "both", 90), row(1, "bbr", "ref", 100),
                row(2, "single", "best", 40), row(2, "bbr", "both", 72), row(2, "bbr", "ref", 90),
                row(3, "single", "best", 50), row(3, "bbr", "both", Double.NaN), row(3, "bbr", "ref", 95));
        String markdown = PathReport.markdown(results, "cmd", "how", List.of("target: ..."));
        // both vs ref per run: 0.90, 0.80, failed -> min shows the failure as empty, not as the best run.
        String both = markdown.lines().filter(l -> l.contains("| bbr | both |")).findFirst().orElseThrow();
        assertEquals("| target | idle | bbr | both | tcp | up | fail / 72.0 / 90.0 | fail / 0.80 | fail / 1.80 |  | a 1.0, b 6.0 | a 6.0, b 9.0 |",
                both, "a failed run shows as the minimum; the worst run's queue per link");
        String ref = markdown.lines().filter(l -> l.contains("| bbr | ref |")).findFirst().orElseThrow();
        assertEquals("| target | idle | bbr | ref | tcp | up | 90.0 / 95.0 / 100.0 |  | 1.90 / 2.22 |  |  |  |", ref);
    }

    @Test
    void statsKeepAFailedRunAsTheMinimum() {
        Stats stats = Stats.of(List.of(0.9, Double.NaN, 0.8));
        assertTrue(Double.isNaN(stats.min()));
        assertEquals(0.9, stats.max());
        assertEquals(0.8, Stats.of(List.of(0.9, 0.8, 0.7)).median());
        assertEquals(0.85, Stats.median(List.of(0.9, 0.8)), 1e-12);
    }

    @Test
    void theCsvHasEveryFlowWithItsQueues() {
        String csv = PathReport.csv(List.of(row(1, "bbr", "both", 88.5)));
        assertEquals(PathReport.CSV_HEADER + "\ntarget,idle,1,bbr,both,tcp,up,88.50,0,a=1.0 b=2.0,a=4.0 b=9.0\n", csv);
    }
}
