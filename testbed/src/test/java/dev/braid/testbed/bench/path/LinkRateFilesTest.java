package dev.braid.testbed.bench.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkRateFilesTest {
    @Test
    void aTraceGivesTheRateBetweenReadingsAndSkipsUnreadableOnes() {
        LinkRateTrace trace = new LinkRateTrace();
        trace.add(0.0, 0);
        trace.add(0.25, 1_250_000); // 10 Mbit in 0.25 s
        trace.add(0.5, -1);          // tc could not say
        trace.add(0.75, 2_500_000);  // 10 Mbit over the 0.5 s since the last good reading
        double[][] xy = trace.series();
        assertArrayEquals(new double[] {0.25, 0.75}, xy[0], 1e-9);
        assertArrayEquals(new double[] {40.0, 20.0}, xy[1], 1e-9);
    }

    @Test
    void linksSampledTogetherAlsoGetTheirSum() {
        Map<String, double[][]> links = new LinkedHashMap<>();
        links.put("a", new double[][] {{1, 2}, {10, 20}});
        links.put("b", new double[][] {{1, 2}, {5, 6}});
        Map<String, double[][]> series = LinkRateFiles.withSum(links);
        assertEquals(List.of("a", "b", "sum"), List.copyOf(series.keySet()));
        assertArrayEquals(new double[] {15, 26}, series.get("sum")[1], 1e-9);
    }

    @Test
    void writesOnePlotPerFlowAndAppendsTheCsv(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("not-yet-created");
        Map<String, double[][]> links = new LinkedHashMap<>();
        links.put("a", new double[][] {{0.25, 0.5}, {40, 42}});
        links.put("b", new double[][] {{0.25, 0.5}, {9, 10}});
        LinkRateFiles.write(out, "target-idle-run1-x-tcp-up", "title", links);
        LinkRateFiles.write(out, "target-idle-run1-x-tcp-down", "title", links);
        List<String> rows = Files.readAllLines(out.resolve(LinkRateFiles.CSV));
        assertEquals("flow,link,t_s,mbit", rows.get(0));
        assertEquals(1 + 2 * 4, rows.size());
        assertEquals("target-idle-run1-x-tcp-up,a,0.25,40.000", rows.get(1));
        assertTrue(Files.size(out.resolve("rates/target-idle-run1-x-tcp-down.png")) > 1000);
    }
}
