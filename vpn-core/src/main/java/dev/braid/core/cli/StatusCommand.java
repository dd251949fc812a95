package dev.braid.core.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `braid status [--json]`: asks a running client or proxy for its sessions, links and counters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show sessions and links of the running client or proxy on this machine.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--socket", description = "control socket of the process (default: the client's, else the proxy's)")
    Path socket;

    @Option(names = "--json", description = "machine-readable, schema in docs/operations.md (\"schema\": 1)")
    boolean json;

    @Override
    public Integer call() {
        System.out.print(ControlClient.request(socket, json ? "status-json" : "status"));
        return 0;
    }
}
