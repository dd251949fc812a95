package dev.braid.core.net;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} as a subprocess (no shell) and captures its output. Blocking: call
 * it off the event loop.
 */
public final class IpCommand {
    private static final long TIMEOUT_SECONDS = 10;
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private final String binary;

    /** Uses {@code ip} from the PATH. */
    public IpCommand() {
        this("ip");
    }

    /** Uses the given ip binary (a path, or a name looked up on the PATH). */
    public IpCommand(String binary) {
        this.binary = Objects.requireNonNull(binary, "binary");
    }

    /** What one run of ip produced. */
    record Result(String command, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        NetConfigException failure() {
            String message = stderr.isEmpty() ? "exit code " + exitCode : stderr;
            return new NetConfigException(command, message, "`" + command + "` failed: " + message);
        }
    }

    /**
     * Runs {@code ip args...}.
     *
     * @return ip's standard output
     * @throws NetConfigException if ip is missing or exits non-zero (message has ip's stderr)
     */
    public String run(String... args) {
        Result result = attempt(List.of(args));
        if (!result.ok()) {
            throw result.failure();
        }
        return result.stdout();
    }

    /** Runs ip and returns its result whatever the exit code; throws only if ip cannot run. */
    Result attempt(List<String> args) {
        List<String> commandLine = new ArrayList<>(args.size() + 1);
        commandLine.add(binary);
        commandLine.addAll(args);
        String command = String.join(" ", commandLine);
        Process process;
        try {
            process = new ProcessBuilder(commandLine).redirectInput(NO_INPUT).start();
        } catch (IOException e) {
            throw new NetConfigException(command, e.getMessage(), "cannot run `" + command + "` ("
                    + e.getMessage() + "): install iproute2 (apt-get install iproute2) or put `ip` on the PATH", e);
        }
        try {
            // ip writes little, so reading stdout to the end before stderr cannot fill a pipe.
            String stdout = read(process.getInputStream());
            String stderr = read(process.getErrorStream()).trim();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NetConfigException(command, "timed out", "`" + command + "` did not finish within "
                        + TIMEOUT_SECONDS + " s: check for a hung netlink (rtnl) lock");
            }
            return new Result(command, process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new NetConfigException(command, e.getMessage(), "reading the output of `" + command
                    + "` failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetConfigException(command, "interrupted", "`" + command + "` was interrupted", e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
