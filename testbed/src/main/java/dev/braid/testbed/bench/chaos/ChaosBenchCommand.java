package dev.braid.testbed.bench.chaos;

import dev.braid.testbed.bench.BenchPreflight;
import dev.braid.testbed.bench.netns.CommandLines;
import dev.braid.testbed.bench.path.PathProfile;
import dev.braid.testbed.netns.Netns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench chaos}: issue 19's chaos and soak run ({@link ChaosBench}). */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Faults on a running tunnel while a UDP probe and a TCP flow run: link cuts, 20 % loss bursts, NAT "
                + "rebindings, proxy kill -9 and restart, client restarts, in turn. Reports each fault's outage, sessions "
                + "lost, ByteBuf leaks (paranoid detection) and RSS growth.",
                "Needs root, iproute2, nftables (nft), conntrack, iperf3. Writes DIR/chaos.md and chaos.csv."})
public final class ChaosBenchCommand implements Callable<Integer> {
    private static final int MAX_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where chaos.md and chaos.csv go.")
    Path out;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "600", description = "Length of the run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--event-every", paramLabel = "S", defaultValue = "20",
            description = "Seconds between the starts of two faults (at least 10). Default: ${DEFAULT-VALUE}.")
    int eventEvery;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "20+10@10/30",
            description = "A two-link profile of bench tcp --profiles (a name or RATE_A+RATE_B@DELAY_A/DELAY_B). "
                    + "Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--tcp-rate", paramLabel = "RATE", defaultValue = "5M",
            description = "The TCP flow's pace (iperf3 -b). Default: ${DEFAULT-VALUE}.")
    String tcpRate;

    @Option(names = "--encryption", defaultValue = "aes-256-gcm", description = "The client's suite. Default: ${DEFAULT-VALUE}.")
    String encryption;

    @Option(names = "--keep-files", description = "Keep the configs and logs of the run.")
    boolean keepFiles;

    @Override
    public Integer call() throws Exception {
        if (!BenchPreflight.ready(spec, "bench chaos needs root: it builds network namespaces, TUN devices and nftables rules.",
                this::problems)) {
            return 2;
        }
        ChaosBench.Settings settings = new ChaosBench.Settings(PathProfile.parse(profile).get(0), seconds, eventEvery,
                encryption, tcpRate, keepFiles);
        ChaosResult result = new ChaosBench(settings, spec.commandLine().getOut()).run();
        ChaosReport.write(result, CommandLines.of(spec), out);
        spec.commandLine().getOut().println("wrote chaos.md and chaos.csv to " + out);
        return result.sessionsLost() == 0 && result.leakReports() == 0 ? 0 : 1;
    }

    /** Every problem with the options, reported together. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (seconds < 20 || seconds > MAX_SECONDS) {
            problems.add("--seconds takes 20 to " + MAX_SECONDS + ", got " + seconds);
        }
        if (eventEvery < 10 || eventEvery * 2 > seconds) {
            problems.add("--event-every takes 10 s to half of --seconds, got " + eventEvery);
        }
        try {
            if (PathProfile.parse(profile).get(0).isSingleLink()) {
                problems.add("--profile must have two links, got " + profile);
            }
        } catch (IllegalArgumentException e) {
            problems.add("--profile: " + e.getMessage());
        }
        for (String tool : List.of("ip", "tc", "nft", "conntrack", "iperf3", "ping")) {
            if (!Netns.hasTool(tool)) {
                problems.add("bench chaos needs " + tool + " on the PATH");
            }
        }
        return problems;
    }
}
