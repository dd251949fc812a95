package dev.braid.testbed.netns;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the real {@code braid} command of the assembled distribution ({@code -Dbraid.lib}, set by
 * failsafe to dist/target/braid/lib, else the distribution this code runs from, else this JVM's
 * class path) as separate JVMs, inside a {@link World}'s namespaces.
 */
public final class Braid {
    private static final String MAIN = "dev.braid.core.cli.Main";
    /** Cheap Argon2 so test logins take milliseconds. */
    private static final String CHEAP_ARGON2 = "8,1,1";

    private final World world;

    public Braid(World world) {
        this.world = world;
    }

    /**
     * The distribution's lib directory: {@code -Dbraid.lib} (set by failsafe to dist/target/braid/lib)
     * or, for a command run from the distribution itself, the directory of the jar holding the CLI's
     * main class. Fails with a hint when neither is there.
     */
    public static Path lib() {
        String property = System.getProperty("braid.lib");
        Path lib = property != null ? Path.of(property) : jarDirectoryOfMain().orElse(Path.of("target/braid/lib"));
        if (!Files.isDirectory(lib)) {
            throw new AssertionError("no braid distribution at " + lib.toAbsolutePath()
                    + ": run through `mvn -pl dist -am verify` (failsafe sets -Dbraid.lib) or from the distribution");
        }
        return lib;
    }

    /**
     * The directory of the jar that holds {@value #MAIN}, if it is a distribution's lib directory
     * (its dependencies, e.g. picocli, lie next to it); empty otherwise, e.g. in a Maven build.
     */
    static Optional<Path> jarDirectoryOfMain() {
        Optional<Path> main = jarOf(MAIN);
        return main.isPresent() && main.map(Path::getParent).equals(jarOf("picocli.CommandLine").map(Path::getParent))
                ? main.map(Path::getParent)
                : Optional.empty();
    }

    private static Optional<Path> jarOf(String className) {
        try {
            CodeSource source = Class.forName(className, false, Braid.class.getClassLoader())
                    .getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location)
                    : Optional.empty();
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The class path of a child {@code braid} JVM: the distribution's lib directory, or, when there is
     * none (run from a build's classes directories), this JVM's own {@code java.class.path}.
     */
    static String classPath() {
        if (System.getProperty("braid.lib") == null && jarDirectoryOfMain().isEmpty()
                && !Files.isDirectory(Path.of("target/braid/lib"))) {
            return System.getProperty("java.class.path");
        }
        return lib().toAbsolutePath() + "/*";
    }

    /** JVM options of the child JVMs unless {@link #JAVA_OPTIONS_PROPERTY} says otherwise. */
    public static final String DEFAULT_JAVA_OPTIONS = "-Xmx192m -XX:+UseSerialGC";
    /** System property with the child JVMs' options (space-separated), e.g. to measure other GC or heap settings. */
    public static final String JAVA_OPTIONS_PROPERTY = "braid.testbed.java-options";

    /** The command line running {@code braid ARGS...} in a fresh JVM. */
    public static List<String> command(String... args) {
        return java(configuredJavaOptions(), MAIN, args);
    }

    /** The child JVMs' options: {@link #JAVA_OPTIONS_PROPERTY} if set, else {@link #DEFAULT_JAVA_OPTIONS}. */
    public static List<String> configuredJavaOptions() {
        List<String> options = new ArrayList<>();
        for (String option : System.getProperty(JAVA_OPTIONS_PROPERTY, DEFAULT_JAVA_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    /** The command line running {@code mainClass ARGS...} of the distribution in a fresh JVM with {@code jvmOptions}. */
    public static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The command line running {@code braid ARGS...} in a fresh JVM with {@code jvmOptions} (e.g. a bigger heap). */
    public static List<String> commandWith(List<String> jvmOptions, String... args) {
        return java(jvmOptions, MAIN, args);
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

    /** {@code braid user remove USER --users FILE}, run in the host namespace. */
    public void removeUser(Path usersFile, String user) {
        Netns.Result result = Netns.execute(Duration.ofSeconds(60), command("user", "remove", user, "--users", usersFile.toString()));
        if (!result.ok()) {
            throw new AssertionError("braid user remove " + user + " exited " + result.exitCode() + ":\n" + result.output());
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

    /** {@code braid reload --socket SOCKET}. @return its result, whatever the exit code */
    public static Netns.Result reload(Path socket) {
        return Netns.execute(Duration.ofSeconds(30), command("reload", "--socket", socket.toString()));
    }

    /** {@code braid status --json --socket SOCKET}: fails the test when it exits non-zero. @return the JSON text */
    public static String statusJson(Path socket) {
        return statusOutput(socket, "--json");
    }

    /** {@code braid status --socket SOCKET}: fails the test when it exits non-zero. @return its output */
    public static String status(Path socket) {
        return statusOutput(socket);
    }

    private static String statusOutput(Path socket, String... options) {
        List<String> args = new ArrayList<>(List.of("status", "--socket", socket.toString()));
        args.addAll(List.of(options));
        Netns.Result result = Netns.execute(Duration.ofSeconds(30), command(args.toArray(String[]::new)));
        if (!result.ok()) {
            throw new AssertionError("braid " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
