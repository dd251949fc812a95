package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuReportTest {
    private static final ProcessUsage END = new ProcessUsage(Map.of(), 100 * 1024, 20);

    @Test
    void loadedCasesShowMinMedianMaxAndTheRatioToTheReferenceIdleOnesTheirShareOfACore() {
        List<CpuResult> results = List.of(
                new CpuResult("proportional-queue", 10, "udp", "up", 1, 9.0, 937, 0.05, 0.04, END, END),
                new CpuResult("proportional-queue", 10, "udp", "up", 2, 9.0, 937, 0.07, 0.02, END, END),
                new CpuResult("proportional-queue", 10, "udp", "up", 3, 9.0, 937, 0.10, 0.08, END, END),
                new CpuResult("wireguard", 10, "udp", "up", 1, 4.5, 468, 0.01, 0.0125, END, END),
                new CpuResult("proportional-queue", 10, "idle", "-", 1, Double.NaN, Double.NaN, 0.002, 0.001, END, END));

        String md = CpuReport.markdown(results, "braid bench cpu --out x", "runs", "wireguard");

        // 100 * (0.09, 0.09, 0.18) / 9 Mbit/s; wireguard: 100 * 0.0225 / 4.5 = 0.5
        assertTrue(md.contains("| proportional-queue | 10 | udp | up | 3 | 9.0 | 1.00 / 1.00 / 2.00 |"), md);
        assertTrue(md.contains("| 2.00 |\n"), "median 1.00 against wireguard's 0.50:\n" + md);
        assertTrue(md.contains("| proportional-queue | 0.20 / 0.20 / 0.20 | 0.10 / 0.10 / 0.10 | 100 / 100 | 20 / 20 |"), md);
        assertTrue(CpuReport.csv(results).lines().count() == 6, "a header and one line per window");
    }
}
