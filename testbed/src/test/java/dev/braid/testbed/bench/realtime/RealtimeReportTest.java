package dev.braid.testbed.bench.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts by the worst run against the same run's plain-IP reference, and the files that show them. */
class RealtimeReportTest {

    private static ProbeStats stats(double p50, double p99, int received) {
        return new ProbeStats(1000, received, 0, 0, p50, p50, p99, p99, 40, 0);
    }

    private static RealtimeResult row(RealtimeScenario scenario, String variant, String direction, int run, ProbeStats stats) {
        return new RealtimeResult(scenario, variant, direction, run, stats,
                List.of(new ProbeSample(0, 0, Math.round(stats.p50Ms() * 1e6))), Double.NaN, Double.NaN, null);
    }

    private static RealtimeResult bulk(String variant, int run, double p50, double alone, double with) {
        return new RealtimeResult(RealtimeScenario.BULK, variant, "up", run, stats(p50, p50 + 10, 1000), List.of(), alone,
                with, null);
    }

    private static RealtimeVerdict verdict(List<RealtimeVerdict> verdicts, String target, String direction) {
        Predicate<RealtimeVerdict> match = v -> v.target().name().equals(target) && v.direction().equals(direction);
        List<RealtimeVerdict> found = verdicts.stream().filter(match).toList();
        assertEquals(1, found.size(), target + " " + direction + ": " + verdicts);
        return found.get(0);
    }

    @Test
    void eachRunIsJudgedAgainstItsOwnFastLinkAndTheWorstRunDecides() {
        List<RealtimeResult> results = new ArrayList<>(List.of(
                row(RealtimeScenario.IDLE, "direct", "up", 1, stats(5.5, 6, 1000)),
                row(RealtimeScenario.IDLE, "direct", "up", 2, stats(8.0, 9, 1000)), // a slow minute of the machine
                row(RealtimeScenario.IDLE, "braid", "up", 1, stats(7.5, 9, 1000)), // 5.5 + 2: met, at the limit
                row(RealtimeScenario.IDLE, "braid", "up", 2, stats(9.5, 12.5, 1000)), // 8 + 2 >= 9.5; p99 8 + 5 >= 12.5
                row(RealtimeScenario.IDLE, "braid", "down", 1, stats(7.5, 9, 1000)))); // no direct down: 5 ms configured
        List<RealtimeVerdict> verdicts = RealtimeVerdict.judge(results, 5);

        RealtimeVerdict p50Up = verdict(verdicts, "idle p50", "up");
        assertTrue(p50Up.met(), p50Up.toString());
        assertEquals(1, p50Up.worstRun(), "run 1 is at its limit, run 2 0.5 ms short of its own (8 + 2)");
        assertEquals(7.5, p50Up.worstLimit(), 1e-9);
        assertTrue(verdict(verdicts, "idle p99", "up").met());
        RealtimeVerdict p50Down = verdict(verdicts, "idle p50", "down");
        assertFalse(p50Down.met(), "7.5 ms > configured 5 + 2");
        assertEquals(7.0, p50Down.worstLimit(), 1e-9);
        assertTrue(verdicts.stream().noneMatch(v -> v.variant().equals("direct")), "the reference is not judged");
    }

    @Test
    void bulkTargetsAndAFailedRunIsNotMet() {
        List<RealtimeResult> results = List.of(
                row(RealtimeScenario.IDLE, "direct", "up", 1, stats(5, 6, 1000)),
                row(RealtimeScenario.IDLE, "direct", "up", 2, stats(5, 6, 1000)),
                bulk("braid", 1, 12, 9.0, 8.5), // kept 94 %
                bulk("braid", 2, 30, 9.0, 7.2), // kept 80 %, p50 30 > 5 + 15
                row(RealtimeScenario.LOSS, "braid", "up", 1, stats(Double.NaN, Double.NaN, 0)));
        List<RealtimeVerdict> verdicts = RealtimeVerdict.judge(results, 5);

        RealtimeVerdict kept = verdict(verdicts, "bulk kept", "up");
        assertFalse(kept.met());
        assertEquals(2, kept.worstRun());
        assertEquals(80, kept.worstValue(), 1e-9);
        assertFalse(verdict(verdicts, "bulk p50", "up").met());
        assertTrue(verdict(verdicts, "bulk loss", "up").met());
        assertFalse(verdict(verdicts, "2 % loss: loss", "up").met(), "nothing received: 100 % loss");
        assertTrue(verdicts.stream().noneMatch(v -> v.target().scenario() == RealtimeScenario.CUT), "no cut rows, no cut verdict");
    }

    @Test
    void filesHoldEveryProbeEveryArrivalAndTheVerdicts(@TempDir Path out) throws Exception {
        List<RealtimeResult> results = List.of(
                row(RealtimeScenario.IDLE, "direct", "up", 1, stats(5.4, 6, 1000)),
                row(RealtimeScenario.IDLE, "proportional-queue", "up", 1, stats(51.9, 57, 1000)),
                new RealtimeResult(RealtimeScenario.CUT, "proportional-queue", "down", 1, ProbeStats.of(List.of(), 1000, RealtimeProbe.INTERVAL),
                        List.of(), Double.NaN, Double.NaN, "rtprobe receiver exited: \"bind\"\nfailed"));
        List<RealtimeVerdict> verdicts = RealtimeVerdict.judge(results, 5);
        RealtimeReport.write(out, results, verdicts, "./braid bench realtime --out X", "how");

        List<String> csv = Files.readAllLines(out.resolve("realtime.csv"));
        assertEquals(RealtimeReport.CSV_HEADER, csv.get(0));
        assertEquals(4, csv.size());
        assertTrue(csv.get(3).endsWith(",\"rtprobe receiver exited: 'bind' failed\""), csv.get(3));
        List<String> samples = Files.readAllLines(out.resolve("realtime-samples.csv"));
        assertEquals(List.of(RealtimeReport.SAMPLES_HEADER, "idle,direct,up,1,0,0.000,5.400",
                "idle,proportional-queue,up,1,0,0.000,51.900"), samples);
        String md = Files.readString(out.resolve("realtime.md"));
        assertTrue(md.contains("| idle | up | proportional-queue | 51.9 | 57.0 |"), md);
        assertTrue(md.contains("| idle p50 | up | proportional-queue | ≤ fast + 2 ms | 51.90 (run 1) | 7.40 | **not met** |"), md);
        assertTrue(md.contains("| cut: longest gap | down | proportional-queue | ≤ 200 ms | fail (run 1) | 200.00 | **not met** |"),
                md);
    }
}
