package dev.braid.testbed.bench.sessions;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.testbed.bench.BenchPreflight;
import dev.braid.testbed.bench.netns.CommandLines;
import dev.braid.testbed.netns.Netns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench sessions}: issue 20's session load generator: N real sessions from one process
 * against a real proxy in a namespace, M of them active ({@link SessionsBench}).
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"N sessions (real SRP logins, real UDP sockets, keepalives) from one generator process against a "
                + "real braid proxy in a network namespace: logins per second at a cold start and after a proxy restart, "
                + "proxy RSS and heap per session, idle CPU, M active sessions' throughput and drops.",
                "Needs root and iproute2 (and prlimit with CAP_SYS_RESOURCE beyond the hard limit of open files). "
                        + "Writes DIR/sessions.csv, sessions-active.csv, sessions.md, sessions.png."})
public final class SessionsBenchCommand implements Callable<Integer> {
    static final int MAX_PHASE_SECONDS = 1800;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the reports go.")
    Path out;

    @Option(names = "--count", required = true, paramLabel = "N", description = "Sessions (1 to " + SourceAddresses.MAX + ").")
    int count;

    @Option(names = "--active", paramLabel = "M", defaultValue = "0",
            description = "Sessions that push traffic (0 to N). Default: ${DEFAULT-VALUE}.")
    int active;

    @Option(names = "--links", paramLabel = "L", defaultValue = "2",
            description = "Links (UDP sockets) per session, 1 or 2; 1 halves the file descriptors and uses the single "
                    + "data path. Default: ${DEFAULT-VALUE}.")
    int links;

    @Option(names = "--rate", paramLabel = "KBIT", defaultValue = "1000",
            description = "Offered rate of each active session, kbit/s. Default: ${DEFAULT-VALUE}.")
    int rateKbit;

    @Option(names = "--packet-bytes", paramLabel = "B", defaultValue = "1000",
            description = "Size of the active sessions' packets (IP). Default: ${DEFAULT-VALUE}.")
    int packetBytes;

    @Option(names = "--keepalive", paramLabel = "S", defaultValue = "10",
            description = "The clients' keepalive interval, seconds (the shipped client's). Default: ${DEFAULT-VALUE}.")
    int keepaliveSeconds;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "30",
            description = "The window the idle CPU is measured over. Default: ${DEFAULT-VALUE}.")
    int idleSeconds;

    @Option(names = "--traffic-seconds", paramLabel = "S", defaultValue = "20",
            description = "How long the active sessions send. Default: ${DEFAULT-VALUE}.")
    int trafficSeconds;

    @Option(names = "--phase-timeout", paramLabel = "S", defaultValue = "300",
            description = "Longest wait of each phase (all logged in, all back, ...). Default: ${DEFAULT-VALUE}.")
    int phaseTimeoutSeconds;

    @Option(names = "--argon2", paramLabel = "M,T,P", defaultValue = "8,1,1",
            description = "Argon2id of the users (KiB, iterations, lanes). It is the client's cost only (the proxy "
                    + "stores SRP verifiers); cheap by default so the generator does not measure itself. Default: ${DEFAULT-VALUE}.")
    String argon2;

    @Option(names = "--proxy-jvm", split = " ", paramLabel = "OPTIONS", defaultValue = "-Xmx1g",
            description = "JVM options of the proxy, space-separated. Default: ${DEFAULT-VALUE}.")
    List<String> proxyJvm;

    @Option(names = "--generator-jvm", split = " ", paramLabel = "OPTIONS", defaultValue = "-Xmx2g -XX:+UseParallelGC",
            description = "JVM options of the generator, space-separated. Default: ${DEFAULT-VALUE}.")
    List<String> generatorJvm;

    @Option(names = "--keep-files", description = "Keep the configs and logs (they are kept anyway when a phase fails).")
    boolean keepFiles;

    @Override
    public Integer call() throws Exception {
        if (!BenchPreflight.ready(spec, "bench sessions needs root: it builds network namespaces and a TUN device.",
                this::problems)) {
            return 2;
        }
        SessionsBench.Settings settings = new SessionsBench.Settings(count, active, links, rateKbit * 1000L, packetBytes,
                keepaliveSeconds, idleSeconds, trafficSeconds, phaseTimeoutSeconds, Argon2Params.parse(argon2), proxyJvm,
                generatorJvm, out, CommandLines.of(spec), keepFiles);
        SessionsFigures figures = new SessionsBench(settings, spec.commandLine().getOut()).run();
        return figures.error == null ? 0 : 1;
    }

    /** Every problem with the options, reported together. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (count < 1 || count > SourceAddresses.MAX) {
            problems.add("--count takes 1 to " + SourceAddresses.MAX + ", got " + count);
        }
        if (active < 0 || active > count) {
            problems.add("--active takes 0 to --count, got " + active);
        }
        if (links < 1 || links > 2) {
            problems.add("--links takes 1 or 2, got " + links);
        }
        if (rateKbit < 1 || rateKbit > 100_000) {
            problems.add("--rate takes 1 to 100000 kbit/s, got " + rateKbit);
        }
        if (packetBytes < EchoPackets.MIN_SIZE || packetBytes > 1300) {
            problems.add("--packet-bytes takes " + EchoPackets.MIN_SIZE + " to 1300, got " + packetBytes);
        }
        checkSeconds(problems, "--keepalive", keepaliveSeconds, 1);
        checkSeconds(problems, "--idle-seconds", idleSeconds, 1);
        checkSeconds(problems, "--traffic-seconds", trafficSeconds, 1);
        checkSeconds(problems, "--phase-timeout", phaseTimeoutSeconds, 10);
        try {
            Argon2Params.parse(argon2);
        } catch (IllegalArgumentException e) {
            problems.add("--argon2: " + e.getMessage());
        }
        if (!Netns.hasTool("ip")) {
            problems.add("bench sessions needs ip (iproute2) on the PATH");
        }
        return problems;
    }

    private static void checkSeconds(List<String> problems, String option, int value, int min) {
        if (value < min || value > MAX_PHASE_SECONDS) {
            problems.add(option + " takes " + min + " to " + MAX_PHASE_SECONDS + " s, got " + value);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SessionsBenchCommand()).execute(args));
    }
}
