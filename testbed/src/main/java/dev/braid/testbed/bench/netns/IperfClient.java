package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * iperf3 for the benchmarks: one long-running server per world (runs are sequential), bounded
 * client runs, TCP either way (-R for downstream) and UDP at a fixed offered rate.
 */
public final class IperfClient {
    static final int PORT = 5201;
    /** UDP payload that fits the tunnels' MTU (1400 for Braid, 1420 for WireGuard) unfragmented. */
    static final String UDP_LENGTH = "1200";

    private IperfClient() {}

    /** Starts {@code iperf3 -s} on {@code address} in {@code ns} and waits until it listens. */
    public static void startServer(World world, Netns ns, String address) throws IOException, InterruptedException {
        Process server = world.start(ns, "iperf3-server.log", "iperf3", "-s", "-B", address, "-p", String.valueOf(PORT));
        World.await("iperf3 server listening in " + ns.name(), Duration.ofSeconds(10),
                () -> !server.isAlive() || !ns.exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + PORT).output().isBlank());
        if (!server.isAlive()) {
            throw new IllegalStateException("iperf3 server exited: " + world.log("iperf3-server.log"));
        }
    }

    /**
     * One TCP flow for {@code seconds} (after {@code omitSeconds} of slow start left out of the report).
     *
     * @param reverse true for downstream (the server sends, iperf3 -R)
     */
    public static Iperf.Report tcp(Netns client, String server, int seconds, int omitSeconds, boolean reverse) {
        List<String> command = base(server, seconds);
        if (omitSeconds > 0) {
            command.addAll(List.of("-O", String.valueOf(omitSeconds)));
        }
        if (reverse) {
            command.add("-R");
        }
        return run(client, "tcp", command, seconds + omitSeconds);
    }

    /** UDP at {@code offeredRate} (iperf3 syntax, e.g. "2G") from the client to the server. */
    public static Iperf.Report udp(Netns client, String server, int seconds, String offeredRate) {
        List<String> command = base(server, seconds);
        command.addAll(List.of("-u", "-b", offeredRate, "-l", UDP_LENGTH));
        return run(client, "udp", command, seconds);
    }

    private static List<String> base(String server, int seconds) {
        return new ArrayList<>(List.of("iperf3", "-c", server, "-p", String.valueOf(PORT), "-t", String.valueOf(seconds),
                "--json", "--connect-timeout", "5000"));
    }

    private static Iperf.Report run(Netns client, String kind, List<String> command, int seconds) {
        Netns.Result result = client.exec(Duration.ofSeconds(seconds + 25L), command.toArray(String[]::new));
        if (!result.ok()) {
            throw new IllegalStateException("iperf3 " + kind + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return Iperf.parse(kind, result.output());
    }
}
