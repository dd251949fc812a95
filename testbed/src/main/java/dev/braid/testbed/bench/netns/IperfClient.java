package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * iperf3 for the benchmarks: every run gets its own one-shot server ({@code -s -1}) on a fresh
 * port, stopped after the run, so a run that went wrong (e.g. a control connection lost in a
 * flooded tunnel) never leaves a busy server behind for the next one. Client runs are bounded.
 */
public final class IperfClient {
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(5301);
    /** UDP payload that fits the tunnels' MTU (1400 for Braid, 1420 for WireGuard) unfragmented. */
    static final String UDP_LENGTH = "1200";

    private final World world;
    private final Netns serverNs;
    private final String serverAddress;

    public IperfClient(World world, Netns serverNs, String serverAddress) {
        this.world = world;
        this.serverNs = serverNs;
        this.serverAddress = serverAddress;
    }

    /**
     * One TCP flow for {@code seconds} (after {@code omitSeconds} of slow start left out of the report).
     *
     * @param reverse           true for downstream (the server sends, iperf3 -R)
     * @param congestionControl the sender's TCP congestion control (iperf3 -C), null for the
     *                          namespace's default (which a new namespace inherits from the host)
     */
    public Iperf.Report tcp(Netns client, int seconds, int omitSeconds, boolean reverse, String congestionControl)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        if (congestionControl != null) {
            options.addAll(List.of("-C", congestionControl));
        }
        if (omitSeconds > 0) {
            options.addAll(List.of("-O", String.valueOf(omitSeconds)));
        }
        if (reverse) {
            options.add("-R");
        }
        return run(client, "tcp", options, seconds + omitSeconds);
    }

    /** UDP at {@code offeredRate} (iperf3 syntax, e.g. "600M") from the client to the server. */
    public Iperf.Report udp(Netns client, int seconds, String offeredRate) throws IOException, InterruptedException {
        return udp(client, seconds, offeredRate, false);
    }

    /** As above; {@code reverse} for the server sending (iperf3 -R). */
    public Iperf.Report udp(Netns client, int seconds, String offeredRate, boolean reverse)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("-u", "-b", offeredRate, "-l", UDP_LENGTH));
        if (reverse) {
            options.add("-R");
        }
        return run(client, "udp", options, seconds);
    }

    /**
     * One TCP flow paced at {@code rate} (iperf3 -b) for {@code seconds}, reported every half
     * second. @return iperf3's --json output, for {@link Iperf#intervals}
     */
    public String pacedTcpJson(Netns client, int seconds, String rate) throws IOException, InterruptedException {
        return runJson(client, "tcp", List.of("-b", rate, "-i", "0.5"), seconds);
    }

    private Iperf.Report run(Netns client, String kind, List<String> options, int seconds)
            throws IOException, InterruptedException {
        return Iperf.parse(kind, runJson(client, kind, options, seconds));
    }

    private String runJson(Netns client, String kind, List<String> options, int seconds)
            throws IOException, InterruptedException {
        String port = String.valueOf(NEXT_PORT.getAndIncrement());
        String log = "iperf3-server-" + port + ".log";
        Process server = world.start(serverNs, log, "timeout", String.valueOf(seconds + 40),
                "iperf3", "-s", "-1", "-B", serverAddress, "-p", port);
        try {
            World.await("iperf3 server listening in " + serverNs.name(), Duration.ofSeconds(10),
                    () -> !server.isAlive() || !serverNs.exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + port).output().isBlank());
            if (!server.isAlive()) {
                throw new IllegalStateException("iperf3 server exited: " + world.log(log));
            }
            List<String> command = new ArrayList<>(List.of("iperf3", "-c", serverAddress, "-p", port,
                    "-t", String.valueOf(seconds), "--json", "--connect-timeout", "5000"));
            command.addAll(options);
            Netns.Result result = client.exec(Duration.ofSeconds(seconds + 25L), command.toArray(String[]::new));
            if (!result.ok()) {
                throw new IllegalStateException("iperf3 " + kind + " exited " + result.exitCode() + ":\n" + result.output());
            }
            // The sender's per-second cwnd and retransmits, for runs kept with --keep-files.
            Files.writeString(world.dir().resolve("iperf3-client-" + port + ".json"), result.output());
            return result.output();
        } finally {
            World.stop(server, Duration.ofSeconds(2));
        }
    }
}
