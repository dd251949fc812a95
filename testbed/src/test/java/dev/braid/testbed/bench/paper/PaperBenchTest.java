package dev.braid.testbed.bench.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.bench.BenchCommand;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench paper} end to end: virtual time (all figures) and one short real-time case. */
class PaperBenchTest {
    private static final List<String> FIGURES = List.of("fig4-10mbit", "fig5-10mbit", "fig6-10mbit", "fig7-10mbit",
            "fig8-10mbit", "fig9-real-world");

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void virtualTimeWritesEveryFigureCsvPngAndTheReport(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "paper", "--out", dir.toString(), "--duration", "3s");

        assertEquals(0, exit, out + "\n" + err);
        assertTrue(err.toString().contains("\r[") && err.toString().contains("100% 22/22"),
                "one updating progress line:\n" + err);
        for (String fig : FIGURES) {
            List<String> csv = Files.readAllLines(dir.resolve(fig + ".csv"));
            assertTrue(csv.size() > 2, fig + ": " + csv);
            BufferedImage image = ImageIO.read(dir.resolve(fig + ".png").toFile());
            assertNotNull(image, fig + ".png is not a readable PNG");
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, fig);
        }
        assertEquals(PaperReport.BARS_HEADER, Files.readAllLines(dir.resolve("fig4-10mbit.csv")).get(0));
        assertEquals("seconds,multi_link_in_order_mbit,single_link_8_0_in_order_mbit",
                Files.readAllLines(dir.resolve("fig6-10mbit.csv")).get(0));
        assertEquals(1 + 30, Files.readAllLines(dir.resolve("fig6-10mbit.csv")).size(), "3 s of 100 ms bins");

        List<String> summary = Files.readAllLines(dir.resolve(PaperReport.SUMMARY_CSV));
        assertEquals(PaperReport.SUMMARY_HEADER, summary.get(0));
        // fig 4: 7 bars, fig 5: 20, figs 6-9: 2 lines each
        assertEquals(1 + 7 + 20 + 4 * 2, summary.size());
        Map<String, Double> fig4 = summary.stream().skip(1).map(l -> l.split(",", -1)).filter(r -> r[0].equals("4"))
                .collect(Collectors.toMap(r -> r[2], r -> Double.parseDouble(r[6])));
        // Aggregation works even in 3 s: each multi-link ratio beats its fast link alone.
        assertTrue(fig4.get("8:2") > fig4.get("8:0") && fig4.get("6:4") > fig4.get("6:0")
                && fig4.get("5:5") > fig4.get("5:0"), fig4.toString());

        String md = Files.readString(dir.resolve(PaperReport.MARKDOWN));
        for (int n = 4; n <= 9; n++) {
            assertTrue(md.contains("## Fig. " + n), "section of fig " + n);
        }
        assertTrue(md.contains("5.52 Mbit/s") && md.contains("3.34 Mbit/s"), "the paper's real-world numbers");
        assertTrue(md.contains("SYNTHETIC"), "the traces are declared synthetic");
        assertTrue(md.contains("./braid bench paper --out"), "the command");
        assertEquals(FIGURES.size(), md.split("\\*\\*Ours:\\*\\*", -1).length - 1, "one comparison per figure");
    }

    @Test
    void realtimeRunsOneFigureThroughTheRealDataPath(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "paper", "--out", dir.toString(), "--realtime", "--figures", "6",
                "--duration", "2s");

        assertEquals(0, exit, out + "\n" + err);
        assertNotNull(ImageIO.read(dir.resolve("fig6-10mbit.png").toFile()));
        List<String> summary = Files.readAllLines(dir.resolve(PaperReport.SUMMARY_CSV));
        assertEquals(3, summary.size(), summary.toString());
        for (String line : summary.subList(1, 3)) {
            String[] r = line.split(",", -1);
            assertTrue(Double.parseDouble(r[6]) > 0, "something arrived: " + line);
            assertTrue(Double.parseDouble(r[7]) <= Double.parseDouble(r[6]) + 1e-9, line);
            assertTrue(Double.parseDouble(r[10]) > 0, "JVM CPU measured: " + line);
        }
        String md = Files.readString(dir.resolve(PaperReport.MARKDOWN));
        assertTrue(md.contains("Where the machine, not Braid, is the limit") && md.contains("JVM cores"), md);
    }

    @Test
    void rejectsUnknownFigures(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "paper", "--out", dir.toString(), "--figures", "3"));
        assertTrue(err.toString().contains("no figure 3"), err.toString());
    }
}
