package dev.braid.testbed.bench.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench sessions} end to end (root only), small: 20 sessions of two links against a real
 * proxy in a namespace, 2 of them active for a few seconds, then a proxy restart. The report must
 * hold every fact and they must be sane: all sessions logged in, listed by the proxy, back after
 * the restart, the active ones echoed, memory measured, no ByteBuf leak (both processes run with
 * paranoid leak detection). No speed is asserted.
 */
class SessionsBenchTest {
    private static final int COUNT = 20;
    private static final int ACTIVE = 2;

    @Test
    @Timeout(300)
    void smallRunReportsEveryFigure(@TempDir Path out) throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces and the proxy's TUN device").tools("ip");
        StringWriter log = new StringWriter();
        CommandLine cli = new CommandLine(new SessionsBenchCommand());
        cli.setOut(new PrintWriter(log, true));
        cli.setErr(new PrintWriter(log, true));
        String paranoid = "-Dio.netty.leakDetection.level=paranoid";

        int exit = cli.execute("--out", out.toString(), "--count", Integer.toString(COUNT), "--active",
                Integer.toString(ACTIVE), "--idle-seconds", "3", "--traffic-seconds", "3", "--phase-timeout", "120",
                "--rate", "200", "--proxy-jvm", "-Xmx256m " + paranoid, "--generator-jvm", "-Xmx256m " + paranoid);

        assertEquals(0, exit, log::toString);
        Map<String, String> figures = figures(out.resolve("sessions.csv"));
        for (String all : List.of("cold_logged_in", "up_after_idle", "proxy_sessions_after_idle", "restart_back")) {
            assertEquals(Integer.toString(COUNT), figures.get(all), all + " in " + figures);
        }
        assertEquals("2", figures.get("links_per_session"));
        assertEquals("0", figures.get("leak_reports"), log::toString);
        for (String positive : List.of("cold_logins_per_second", "cold_proxy_accepts_per_second", "proxy_rss_empty",
                "proxy_rss_loaded", "proxy_heap_empty", "proxy_heap_loaded", "restart_all_back_seconds",
                "restart_proxy_listening_seconds")) {
            assertTrue(Double.parseDouble(figures.get(positive)) > 0, positive + " in " + figures);
        }
        assertTrue(Double.parseDouble(figures.get("idle_proxy_cpu_pct")) >= 0, figures::toString);
        assertTrue(Double.parseDouble(figures.get("restart_all_back_seconds"))
                >= Double.parseDouble(figures.get("restart_proxy_listening_seconds")), "back only after the new proxy listens");

        List<String> active = Files.readAllLines(out.resolve("sessions-active.csv"));
        assertEquals(SessionsReport.ACTIVE_HEADER, active.get(0));
        assertEquals(ACTIVE + 1, active.size(), () -> String.join("\n", active));
        for (String row : active.subList(1, active.size())) {
            String[] cells = row.split(",");
            long sent = Long.parseLong(cells[1]);
            long received = Long.parseLong(cells[2]);
            assertTrue(sent > 0 && received > 0 && received <= sent, "echoes sent and answered: " + row);
        }
        assertTrue(Files.size(out.resolve("sessions.png")) > 0);
        String markdown = Files.readString(out.resolve("sessions.md"));
        assertTrue(markdown.contains("| logged in at the cold start | " + COUNT + " | sessions | all |"), markdown);
        assertTrue(markdown.contains("The proxy's drop counters"), markdown);
    }

    private static Map<String, String> figures(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SessionsReport.CSV_HEADER, lines.get(0));
        Map<String, String> figures = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            figures.put(cells[0], cells[1]);
        }
        return figures;
    }
}
