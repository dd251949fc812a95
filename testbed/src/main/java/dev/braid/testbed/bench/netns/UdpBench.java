package dev.braid.testbed.bench.netns;

import dev.braid.testbed.bench.path.PathOptions;
import dev.braid.testbed.netns.Netns;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench udp}: a UDP flood at 1.2x the links' sum through each variant, on the harder testbed's profiles. */
@Command(name = "udp", mixinStandardHelpOptions = true,
        description = {"iperf3 UDP at 1.2x the sum through Braid and its references on the path profiles.",
                "Needs root, iproute2 (ip, tc), iperf3. Writes DIR/path.csv and DIR/path.md."})
public final class UdpBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PathOptions path;

    @Mixin
    TunnelRunOptions run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where path.csv and path.md go.")
    Path out;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10", description = "Length of each flow. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--variants", split = ",", paramLabel = "V",
            description = "direct, single, wireguard and/or SCHEDULER/queue|drop[+KEY=VALUE...] (default: direct, single, "
                    + "proportional/queue).")
    List<String> variants;

    @Option(names = "--encryption", defaultValue = "none", description = "Tunnel encryption. Default: ${DEFAULT-VALUE}.")
    String encryption;

    @Override
    public Integer call() throws Exception {
        if (!Netns.isRoot()) {
            spec.commandLine().getErr().println("bench udp needs root (network namespaces, tc, TUN devices)");
            return 2;
        }
        if (path.profiles == null) {
            path.profiles = List.of("all");
        }
        List<String> problems = run.problems();
        if (!problems.isEmpty()) {
            problems.forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        return TcpBench.runPathBench(spec, path, variants, List.of("udp"), run.directions, seconds, 0, run.warmup,
                encryption, "cubic", run.multilinkOptions, run.keepFiles, out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UdpBench()).execute(args));
    }
}
