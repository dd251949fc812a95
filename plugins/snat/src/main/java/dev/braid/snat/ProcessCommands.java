package dev.braid.snat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Commands} over {@link ProcessBuilder}. Programs are looked up on the PATH and in the
 * sbin directories (a JVM's PATH often lacks them); stdout and stderr are captured separately.
 * With a prefix (e.g. {@code ip netns exec NAME}) every command, sysctls included, runs through
 * it; without one, sysctls are read and written in {@code /proc/sys} directly.
 */
public final class ProcessCommands implements Commands {
    private static final Logger log = LoggerFactory.getLogger(ProcessCommands.class);
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final List<String> prefix;
    private final Map<String, String> programPaths;
    private final Duration timeout;

    /** Runs commands directly on this host. */
    public ProcessCommands() {
        this(List.of(), Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * @param prefix       prepended to every command, e.g. {@code [ip, netns, exec, NAME]}
     * @param programPaths programs at fixed paths instead of from the PATH, e.g. {@code nft -> /opt/nft}
     * @param timeout      how long one command may run
     */
    public ProcessCommands(List<String> prefix, Map<String, String> programPaths, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.programPaths = Map.copyOf(programPaths);
        this.timeout = timeout;
    }

    /** Runs every command inside network namespace {@code netns} ({@code ip netns exec}). */
    public static ProcessCommands inNamespace(String netns) {
        return new ProcessCommands(List.of("ip", "netns", "exec", netns), Map.of(), DEFAULT_TIMEOUT);
    }

    /** The same runner with {@code program} taken from {@code path}. */
    public ProcessCommands withProgram(String program, String path) {
        Map<String, String> paths = new HashMap<>(programPaths);
        paths.put(program, path);
        return new ProcessCommands(prefix, paths, timeout);
    }

    @Override
    public CommandResult run(List<String> command, String stdin) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (!prefix.isEmpty()) {
            full.add(resolve(prefix.get(0)));
            full.addAll(prefix.subList(1, prefix.size()));
        }
        full.add(resolve(command.get(0)));
        full.addAll(command.subList(1, command.size()));
        CommandResult result = execute(full, stdin == null ? "" : stdin);
        if (result.ok()) {
            log.debug("ran {}: ok{}", full, result.stderr().isBlank() ? "" : "; stderr: " + result.stderr().strip());
        } else {
            log.debug("ran {}: exit {}; stderr: {}", full, result.exitCode(), result.stderr().strip());
        }
        return result;
    }

    @Override
    public String readSysctl(String key) throws IOException, InterruptedException {
        if (prefix.isEmpty()) {
            String value = Files.readString(procSys(key)).strip();
            log.debug("read {} = {}", procSys(key), value);
            return value;
        }
        CommandResult result = run(List.of("sysctl", "-n", key), "");
        if (!result.ok()) {
            throw new IOException("sysctl -n " + key + " failed: " + result.firstErrorLine());
        }
        return result.stdout().strip();
    }

    @Override
    public void writeSysctl(String key, String value) throws IOException, InterruptedException {
        if (prefix.isEmpty()) {
            Files.writeString(procSys(key), value + "\n");
            log.debug("wrote {} = {}", procSys(key), value);
            return;
        }
        CommandResult result = run(List.of("sysctl", "-w", key + "=" + value), "");
        if (!result.ok()) {
            throw new IOException("sysctl -w " + key + "=" + value + " failed: " + result.firstErrorLine());
        }
    }

    private static Path procSys(String key) {
        return Path.of("/proc/sys", key.replace('.', '/'));
    }

    /** @return an absolute path to an executable {@code program} */
    private String resolve(String program) throws ProgramNotFoundException {
        String fixed = programPaths.get(program);
        if (fixed != null || program.contains("/")) {
            String path = fixed != null ? fixed : program;
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
            throw new ProgramNotFoundException(program, "no executable at " + path);
        }
        Set<String> dirs = new LinkedHashSet<>();
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(dir);
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new ProgramNotFoundException(program, "not on the PATH nor in " + String.join(", ", EXTRA_DIRS));
    }

    /** Output goes to temporary files so a chatty command can never block on a full pipe. */
    private CommandResult execute(List<String> full, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("braid-snat-", ".out");
        Path err = Files.createTempFile("braid-snat-", ".err");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The command exited without reading its input; its exit status tells why.
                log.debug("{} did not take its input: {}", full.get(0), e.getMessage());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", full) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(full, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
