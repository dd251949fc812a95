package dev.braid.testbed;

import dev.braid.core.cli.CommandProvider;
import dev.braid.testbed.attack.HelloFloodCommand;
import dev.braid.testbed.bench.BenchCommand;
import dev.braid.testbed.bench.realtime.ProbeCommand;
import dev.braid.testbed.demo.DemoCommand;
import dev.braid.testbed.linkem.LinkemCommand;
import dev.braid.testbed.linkem.PathemCommand;
import java.util.List;

/** The testbed's `braid` subcommands, found by the core's CLI through {@link java.util.ServiceLoader}. */
public final class TestbedCommands implements CommandProvider {
    @Override
    public List<Object> commands() {
        return List.of(
                new DemoCommand(),
                new LinkemCommand(),
                new PathemCommand(),
                new BenchCommand(),
                new HelloFloodCommand(),
                new ProbeCommand());
    }
}
