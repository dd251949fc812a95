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
 * Runs a network tool ({@code ip} of iproute2, {@code nft}) as a subprocess (no shell) and
 * captures its output. Blocking: call it off the event loop.
 */
public final class NetCommand {
    private static final long TIMEOUT_SECONDS = 10;
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private static final String IP_MISSING = "install iproute2 (apt-get install iproute2) or put `ip` on the PATH";

    private final String binary;
    private final String installHint;

    /** Uses {@code ip} from the PATH. */
    public NetCommand() {
        this("ip");
    }

    /** Uses the given ip binary (a path, or a name looked up on the PATH). */
    public NetCommand(String binary) {
        this(binary, IP_MISSING);
    }

    private NetCommand(String binary, String installHint) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.installHint = installHint;
    }

    /** {@code nft} from the PATH. */
    public static NetCommand nft() {
        return new NetCommand("nft", "install nftables (apt-get install nftables) or put `nft` on the PATH");
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
     * Runs {@code tool args...}.
     *
     * @return the tool's standard output
     * @throws NetConfigException if the tool is missing or exits non-zero (message has its stderr)
     */
    public String run(String... args) {
        return runWithInput(null, args);
    }

    /** As {@link #run}, with {@code input} on the tool's standard input (an nft script for {@code nft -f -}). */
    public String runWithInput(String input, String... args) {
        Result result = attempt(List.of(args), input);
        if (!result.ok()) {
            throw result.failure();
        }
        return result.stdout();
    }

    /** Runs the tool and returns its result whatever the exit code; throws only if it cannot run. */
    Result attempt(List<String> args) {
        return attempt(args, null);
    }

    private Result attempt(List<String> args, String input) {
        List<String> commandLine = new ArrayList<>(args.size() + 1);
        commandLine.add(binary);
        commandLine.addAll(args);
        String command = String.join(" ", commandLine);
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine);
            process = (input == null ? builder.redirectInput(NO_INPUT) : builder).start();
        } catch (IOException e) {
            throw new NetConfigException(command, e.getMessage(), "cannot run `" + command + "` ("
                    + e.getMessage() + "): " + installHint, e);
        }
        try {
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            // The tools write little, so reading stdout to the end before stderr cannot fill a pipe.
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
