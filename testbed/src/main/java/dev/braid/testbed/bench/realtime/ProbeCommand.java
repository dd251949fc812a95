package dev.braid.testbed.bench.realtime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rtprobe}: the VoIP-like flow of {@code bench realtime}, as two processes run inside namespaces. */
@Command(name = "rtprobe", mixinStandardHelpOptions = true,
        description = "A VoIP-like probe flow (160-byte UDP every 20 ms, stamped with nanoTime) for one-way delay.",
        subcommands = {ProbeSendCommand.class, ProbeReceiveCommand.class})
public final class ProbeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
