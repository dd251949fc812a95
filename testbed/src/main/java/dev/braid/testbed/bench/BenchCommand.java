package dev.braid.testbed.bench;

import dev.braid.testbed.bench.chaos.ChaosBenchCommand;
import dev.braid.testbed.bench.netns.CpuBench;
import dev.braid.testbed.bench.netns.TcpBench;
import dev.braid.testbed.bench.netns.TunnelVsWireguardBench;
import dev.braid.testbed.bench.netns.UdpBench;
import dev.braid.testbed.bench.paper.PaperBench;
import dev.braid.testbed.bench.realtime.RealtimeBenchCommand;
import dev.braid.testbed.bench.sessions.SessionsBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench}: parent of the benchmark commands ({@code bench aggregation}, {@code bench paper}). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks.",
        subcommands = {AggregationBench.class, PaperBench.class, TcpBench.class, TunnelVsWireguardBench.class,
                UdpBench.class, RealtimeBenchCommand.class, CpuBench.class, SessionsBenchCommand.class, ChaosBenchCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Stand-alone entry point: {@code java ... dev.braid.testbed.bench.BenchCommand aggregation --out DIR}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
