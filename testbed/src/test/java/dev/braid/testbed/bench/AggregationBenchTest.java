package dev.braid.testbed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AggregationBenchTest {

    private static final List<String> SCHEDULERS =
            List.of("most-free-window", "round-robin", "weighted", "min-rtt", "proportional", "earliest-arrival");
    /** 4 ratios + 10 delays + 1 combined. */
    private static final int CASES = 15;

    @Test
    void writesCsvMarkdownAndPlots(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("aggregation", "--out", dir.toString(), "--duration", "1s", "--seed", "7",
                "--sums", "10,100,1000");

        assertEquals(0, exit, err.toString());
        List<String> lines = Files.readAllLines(dir.resolve("aggregation.csv"));
        assertEquals("matrix,scenario,scheduler,sum_mbit,aggregate_mbit,in_order_mbit,reseq_p99_ms", lines.get(0));
        List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).collect(Collectors.toList());
        assertEquals(3 * CASES * (SCHEDULERS.size() + 1), rows.size());
        for (String[] row : rows) {
            assertEquals(7, row.length, String.join(",", row));
            assertTrue(List.of("bandwidth", "delay", "combined").contains(row[0]), row[0]);
            assertTrue(SCHEDULERS.contains(row[2]) || row[2].equals("single-link"), row[2]);
            assertTrue(List.of("10", "100", "1000").contains(row[3]), row[3]);
            double aggregate = Double.parseDouble(row[4]);
            double inOrder = Double.parseDouble(row[5]);
            assertTrue(aggregate > 0 && aggregate <= Double.parseDouble(row[3]), String.join(",", row));
            assertTrue(inOrder <= aggregate + 1e-9, String.join(",", row));
            assertTrue(Double.parseDouble(row[6]) >= 0);
        }
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("combined") && r[1].equals("8:2 10ms:100ms")));
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("10ms:100ms") && r[2].equals("earliest-arrival")));

        String md = Files.readString(dir.resolve("aggregation.md"));
        assertTrue(md.contains("most-free-window") && md.contains("% of ref"), md);

        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().collect(Collectors.toList());
        }
        assertEquals(2 * 3 + 3, pngs.size(), pngs.toString());
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png.toString());
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
        }
        assertTrue(Files.exists(dir.resolve("inorder-8-2.png")));
        assertTrue(Files.exists(dir.resolve("inorder-10ms-100ms.png")));
        assertTrue(Files.exists(dir.resolve("inorder-combined.png")));
        assertTrue(err.toString().contains("[" + rows.size() + "/" + rows.size() + "]"), err.toString());
    }

    @Test
    void rejectsAnUnknownScheduler(@TempDir Path dir) {
        CommandLine cli = new CommandLine(new BenchCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("aggregation", "--out", dir.toString(), "--schedulers", "nope");

        assertTrue(exit != 0);
        assertTrue(err.toString().contains("nope"), err.toString());
    }
}
