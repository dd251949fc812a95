package dev.braid.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs from the machine: root, tools, devices. Skipped tests hide failures (CI once
 * reported "Tests run: 0" for eight NAT tests because conntrack was missing), so only a run that
 * cannot have them may skip: as root or with {@code CI=true} a missing prerequisite fails the test
 * naming it; a non-root run outside CI skips, saying why. Chain the checks:
 * {@code Prerequisites.ofThisRun().root("creates TUN devices").tools("ip", "nft")}.
 */
public final class Prerequisites {
    /** The Debian package of each tool the tests drive, for the message. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("ip", "iproute2"), Map.entry("tc", "iproute2"), Map.entry("ss", "iproute2"),
            Map.entry("nft", "nftables"), Map.entry("conntrack", "conntrack"), Map.entry("iperf3", "iperf3"),
            Map.entry("ping", "iputils-ping"), Map.entry("curl", "curl"), Map.entry("python3", "python3"),
            Map.entry("wireguard-go", "wireguard-go"), Map.entry("wg", "wireguard-tools"),
            Map.entry("setpriv", "util-linux"), Map.entry("prometheus", "prometheus"),
            Map.entry("dpkg", "dpkg"), Map.entry("dpkg-deb", "dpkg"), Map.entry("adduser", "adduser"));

    private final boolean root;
    private final boolean ci;
    private final Predicate<String> toolFound;

    Prerequisites(boolean root, boolean ci, Predicate<String> toolFound) {
        this.root = root;
        this.ci = ci;
        this.toolFound = toolFound;
    }

    /** This JVM: its uid, the CI environment variable, the PATH plus /usr/sbin and /sbin. */
    public static Prerequisites ofThisRun() {
        return new Prerequisites(isRoot(), "true".equalsIgnoreCase(System.getenv("CI")), Prerequisites::onPath);
    }

    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** @param why what the test does with root, e.g. "creates TUN devices" */
    public Prerequisites root(String why) {
        if (!root) {
            missing("root (it " + why + "); running as " + System.getProperty("user.name"));
        }
        return this;
    }

    public Prerequisites tools(String... tools) {
        for (String tool : tools) {
            if (!toolFound.test(tool)) {
                missing("`" + tool + "` on the PATH (apt-get install " + PACKAGES.getOrDefault(tool, tool) + ")");
            }
        }
        return this;
    }

    public Prerequisites file(Path path) {
        return condition(Files.exists(path), path.toString());
    }

    /** @param what what the test needs that {@code met} says is there, e.g. "the native epoll transport" */
    public Prerequisites condition(boolean met, String what) {
        if (!met) {
            missing(what);
        }
        return this;
    }

    private void missing(String what) {
        if (root || ci) {
            fail("needs " + what + ": as root or with CI=true a missing prerequisite fails instead of skipping");
        }
        String reason = "needs " + what + "; skipped because this run is neither root nor CI=true";
        System.out.println("[skipped] " + reason);
        throw new TestAbortedException(reason);
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
