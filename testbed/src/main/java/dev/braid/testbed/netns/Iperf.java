package dev.braid.testbed.netns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** One iperf3 run between two namespaces, its JSON report reduced to the numbers the tests print. */
public final class Iperf {
    private static final int PORT = 5201;

    private Iperf() {}

    /**
     * @param receiverBitsPerSecond goodput measured at the receiver
     * @param retransmits TCP retransmissions (0 for UDP)
     * @param lostPercent UDP datagrams lost (0 for TCP)
     */
    public record Report(String kind, double receiverBitsPerSecond, long retransmits, double lostPercent, double jitterMs) {
        @Override
        public String toString() {
            return String.format("%s: %.1f Mbit/s at the receiver, retransmits %d, lost %.2f%%, jitter %.3f ms",
                    kind, receiverBitsPerSecond / 1e6, retransmits, lostPercent, jitterMs);
        }
    }

    /**
     * Runs a one-shot iperf3 server on {@code serverAddress} in {@code server} and a {@code seconds}
     * client in {@code client} against it; {@code udpRate} null for TCP, e.g. "20M" for UDP.
     */
    public static Report run(World world, Netns client, Netns server, String serverAddress, int seconds, String udpRate)
            throws IOException, InterruptedException {
        String kind = udpRate == null ? "tcp" : "udp";
        Process iperfServer = world.start(server, "iperf3-server-" + kind + ".log",
                "timeout", String.valueOf(seconds + 30), "iperf3", "-s", "-1", "-B", serverAddress, "-p", String.valueOf(PORT));
        World.await("iperf3 server listening in " + server.name(), Duration.ofSeconds(10),
                () -> !iperfServer.isAlive()
                        || !server.exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + PORT).output().isBlank());
        if (!iperfServer.isAlive()) {
            throw new AssertionError("iperf3 server exited: " + world.log("iperf3-server-" + kind + ".log"));
        }
        String[] command = udpRate == null
                ? new String[] {"iperf3", "-c", serverAddress, "-p", String.valueOf(PORT), "-t", String.valueOf(seconds), "--json"}
                : new String[] {"iperf3", "-c", serverAddress, "-p", String.valueOf(PORT), "-t", String.valueOf(seconds), "--json",
                        "-u", "-b", udpRate};
        Netns.Result result = client.exec(Duration.ofSeconds(seconds + 20L), command);
        if (!result.ok()) {
            throw new AssertionError("iperf3 " + kind + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return parse(kind, result.output());
    }

    /** Reads iperf3's --json output with the YAML loader at hand (JSON is YAML once iperf3's indenting tabs are spaces). */
    @SuppressWarnings("unchecked")
    public static Report parse(String kind, String json) {
        // Raw tabs only occur as indentation: inside JSON strings they would be escaped.
        String yaml = json.replace('\t', ' ');
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, Object> end = (Map<String, Object>) root.get("end");
        if (end == null || root.containsKey("error")) {
            throw new AssertionError("iperf3 " + kind + " reported no result: " + root.get("error") + "\n" + json);
        }
        Map<String, Object> received = (Map<String, Object>) end.get("sum_received");
        Map<String, Object> sent = (Map<String, Object>) end.get("sum_sent");
        Map<String, Object> sum = (Map<String, Object>) end.getOrDefault("sum", Map.of());
        return new Report(kind,
                number(received, "bits_per_second"),
                (long) number(sent, "retransmits"),
                number(sum, "lost_percent"),
                number(sum, "jitter_ms"));
    }

    /** One {@code -i} interval of an iperf3 report: seconds from the start of the test, and its rate. */
    public record Interval(double start, double end, double bitsPerSecond) {
        @Override
        public String toString() {
            return String.format("%5.1f-%5.1f s %6.2f Mbit/s", start, end, bitsPerSecond / 1e6);
        }
    }

    /** The intervals of an iperf3 {@code --json} report (the "sum" of each), in order. */
    @SuppressWarnings("unchecked")
    public static List<Interval> intervals(String json) {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(json.replace('\t', ' '));
        List<Interval> intervals = new ArrayList<>();
        for (Object each : (List<Object>) root.getOrDefault("intervals", List.of())) {
            Map<String, Object> sum = (Map<String, Object>) ((Map<String, Object>) each).get("sum");
            intervals.add(new Interval(number(sum, "start"), number(sum, "end"), number(sum, "bits_per_second")));
        }
        return intervals;
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
