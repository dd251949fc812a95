package dev.braid.core.cli;

import dev.braid.core.lifecycle.ControlSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `braid status`: asks a running client or proxy for its sessions, links and counters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show sessions and links of the running client or proxy on this machine.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--socket", description = "control socket of the process (default: the client's, else the proxy's)")
    Path socket;

    @Override
    public Integer call() {
        Path path = socket != null ? socket : firstExisting(ControlSocket.defaultPath("client"), ControlSocket.defaultPath("proxy"));
        if (path == null || !Files.exists(path)) {
            throw new OperatorError("no running braid client or proxy found (looked for "
                    + ControlSocket.defaultPath("client") + " and " + ControlSocket.defaultPath("proxy")
                    + "); pass --socket PATH");
        }
        try {
            System.out.print(ControlSocket.request(path, "status"));
            return 0;
        } catch (IOException e) {
            throw new OperatorError("cannot reach " + path + ": " + e.getMessage() + " (is braid still running?)");
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
