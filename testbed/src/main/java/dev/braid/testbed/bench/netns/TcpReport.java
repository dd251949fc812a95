package dev.braid.testbed.bench.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the TCP benchmark's {@code tcp.csv} and the Markdown table {@code tcp.md}. */
final class TcpReport {
    static final String CSV_HEADER = "scenario,direction,scheduler,mode,rate_a_mbit,rate_b_mbit,delay_a_ms,delay_b_ms,"
            + "goodput_mbit,pct_of_sum,ratio_vs_best_single,retransmits";

    private TcpReport() {}

    static String csv(List<TcpResult> results) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (TcpResult r : results) {
            TcpScenario s = r.scenario();
            out.append(String.join(",", s.name(), r.direction(), r.variant().schedulerLabel(), r.variant().mode(),
                    TcpScenario.fmt(s.rateAMbit()), TcpScenario.fmt(s.rateBMbit()),
                    String.valueOf(s.delayAMs()), String.valueOf(s.delayBMs()),
                    num("%.2f", r.goodputMbit()), num("%.1f", r.percentOfSum()), num("%.2f", r.ratioVsBestSingle()),
                    String.valueOf(r.retransmits()))).append('\n');
        }
        return out.toString();
    }

    /** @param runs how the runs were made (length, omitted start, warm-up), for the reader of the file */
    static String markdown(List<TcpResult> results, String command, String runs) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n");
        out.append(runs).append("\n\n");
        out.append("| scenario | dir | scheduler | mode | goodput Mbit/s | % of sum | vs best single | retransmits |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|\n");
        for (TcpResult r : results) {
            out.append("| ").append(r.scenario().name())
                    .append(" | ").append(r.direction())
                    .append(" | ").append(r.variant().schedulerLabel())
                    .append(" | ").append(r.variant().mode())
                    .append(" | ").append(num("%.2f", r.goodputMbit()))
                    .append(" | ").append(num("%.1f", r.percentOfSum()))
                    .append(" | ").append(num("%.2f", r.ratioVsBestSingle()))
                    .append(" | ").append(r.retransmits())
                    .append(" |\n");
        }
        return out.toString();
    }

    static void write(Path dir, List<TcpResult> results, String command, String runs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tcp.csv"), csv(results));
        Files.writeString(dir.resolve("tcp.md"), markdown(results, command, runs));
    }

    /** Formats a number; NaN (not measured or failed) as an empty cell. */
    static String num(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
