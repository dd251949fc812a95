package dev.braid.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real {@code braid} command of the assembled distribution ({@code -Dbraid.lib}, set by
 * failsafe to dist/target/braid/lib) as separate JVMs, inside a {@link World}'s namespaces.
 */
public final class Braid {
    private static final String MAIN = "dev.braid.core.cli.Main";
    /** Cheap Argon2 so test logins take milliseconds. */
    private static final String CHEAP_ARGON2 = "8,1,1";

    private final World world;

    public Braid(World world) {
        this.world = world;
    }

    /** The distribution's lib directory; fails with a hint when it was not assembled. */
    public static Path lib() {
        Path lib = Path.of(System.getProperty("braid.lib", "target/braid/lib"));
        if (!Files.isDirectory(lib)) {
            throw new AssertionError("no braid distribution at " + lib.toAbsolutePath()
                    + ": run through `mvn -pl dist -am verify` (failsafe sets -Dbraid.lib)");
        }
        return lib;
    }

    /** The command line running {@code braid ARGS...} in a fresh JVM. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC",
                "-cp", lib().toAbsolutePath() + "/*", MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes {@code password} to a file in the world's directory. @return the file */
    public Path passwordFile(String name, String password) throws IOException {
        Path file = world.dir().resolve(name);
        Files.writeString(file, password + "\n");
        return file;
    }

    /** {@code braid user add USER --users FILE --password-file P}, run in the host namespace (no network). */
    public void addUser(Path usersFile, String user, String password) throws IOException {
        Path passwordFile = passwordFile("add-" + user + ".pw", password);
        Netns.Result result = Netns.execute(Duration.ofSeconds(60), command("user", "add", user,
                "--users", usersFile.toString(), "--password-file", passwordFile.toString(), "--argon2", CHEAP_ARGON2));
        if (!result.ok()) {
            throw new AssertionError("braid user add " + user + " exited " + result.exitCode() + ":\n" + result.output());
        }
    }

    /** Writes {@code yaml} as the config file {@code name}. @return the file */
    public Path config(String name, String yaml) throws IOException {
        Path file = world.dir().resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** Starts {@code braid proxy --config CONFIG} in {@code ns}; the log is {@code name}.log. */
    public BraidProcess proxy(Netns ns, String name, Path config) throws IOException {
        List<String> command = command("proxy", "--config", config.toString());
        return new BraidProcess(world, name, world.start(ns, name + ".log", command.toArray(String[]::new)));
    }

    /** Starts {@code braid client --config CONFIG --password-file P} in {@code ns}; the log is {@code name}.log. */
    public BraidProcess client(Netns ns, String name, Path config, Path passwordFile) throws IOException {
        List<String> command = command("client", "--config", config.toString(), "--password-file", passwordFile.toString());
        return new BraidProcess(world, name, world.start(ns, name + ".log", command.toArray(String[]::new)));
    }

    /** {@code braid config check FILE}. @return its result, whatever the exit code */
    public static Netns.Result configCheck(Path config) {
        return Netns.execute(Duration.ofSeconds(30), command("config", "check", config.toString()));
    }

    /** {@code braid status --socket SOCKET}: fails the test when it exits non-zero. @return its output */
    public static String status(Path socket) {
        Netns.Result result = Netns.execute(Duration.ofSeconds(30), command("status", "--socket", socket.toString()));
        if (!result.ok()) {
            throw new AssertionError("braid status --socket " + socket + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
