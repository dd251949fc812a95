package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release artifacts of `mvn package`: the tarball runs without building; the .deb has the
 * files, modes and control fields of a Debian package, installs, and its units' command lines,
 * run as the braid user with only the units' ambient capabilities, bring a tunnel up (SNAT by nft
 * included) and tell systemd READY=1 and STOPPING=1; a purge leaves neither /etc/braid nor the user.
 */
class PackageIT {
    private static final Path DIST = Path.of(System.getProperty("braid.dist", "target"));
    private static final String VERSION = System.getProperty("braid.version", "");
    private static final Path UNITS = Path.of("/lib/systemd/system");
    /** dpkg-deb -c: "drwxr-x--- root/root 0 2026-12-03 06:12 ./etc/braid/" (and " -> TARGET" for links). */
    private static final Pattern ENTRY = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\./(\\S*?)(?: -> (\\S+))?$");
    private static final Duration START = Duration.ofSeconds(60);

    record Entry(String mode, String owner, String linkTarget) {}

    @Test
    @Timeout(60)
    void theDebHasTheControlFieldsFilesAndModesOfARelease() throws IOException {
        Prerequisites.ofThisRun().tools("dpkg-deb");
        Path deb = deb();
        assertEquals("braid_" + debianVersion() + "_all.deb", deb.getFileName().toString());
        String fields = Netns.host("dpkg-deb", "-f", deb.toString());
        assertTrue(fields.contains("Package: braid\n"), fields);
        assertTrue(fields.contains("Architecture: all\n"), fields);
        assertTrue(fields.contains("Version: " + debianVersion() + "\n"), fields);
        assertTrue(fields.contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser, iproute2\n"), fields);

        Map<String, Entry> files = contents(deb);
        assertEquals(new Entry("lrw-r--r--", "root/root", "../share/braid/bin/braid"), files.get("usr/bin/braid"));
        assertEquals(new Entry("-rwxr-xr-x", "root/root", null), files.get("usr/share/braid/bin/braid"));
        assertEquals(new Entry("drwxr-x---", "root/root", null), files.get("etc/braid/"), "postinst gives it group braid");
        for (String config : List.of("etc/braid/proxy.yaml", "etc/braid/client.yaml")) {
            assertEquals(new Entry("-rw-r-----", "root/root", null), files.get(config), config);
        }
        for (String unit : List.of("lib/systemd/system/braid-proxy.service", "lib/systemd/system/braid-client.service",
                "usr/share/doc/braid/README.md", "usr/share/doc/braid/docs/operations.md")) {
            assertEquals(new Entry("-rw-r--r--", "root/root", null), files.get(unit), unit);
        }
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("usr/share/braid/lib/vpn-core-.*\\.jar")), files.keySet().toString());
        assertTrue(files.keySet().stream().noneMatch(f -> f.startsWith("opt/") || f.contains("/target/")), files.keySet().toString());
        assertEquals("/etc/braid/client.yaml\n/etc/braid/proxy.yaml\n", Netns.host("dpkg-deb", "-I", deb.toString(), "conffiles"));
    }

    @Test
    @Timeout(60)
    void theTarballRunsWithoutBuilding(@TempDir Path dir) throws IOException {
        Path tarball = DIST.resolve("braid-" + VERSION + ".tar.gz");
        Netns.host("tar", "-xzf", tarball.toString(), "-C", dir.toString());
        Path home = dir.resolve("braid-" + VERSION);
        for (String file : List.of("bin/braid", "config/proxy.yaml", "config/client.yaml", "systemd/braid-proxy.service",
                "systemd/braid-client.service", "docs/operations.md", "README.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/braid")));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertTrue(jars.anyMatch(jar -> jar.getFileName().toString().startsWith("vpn-core-")));
        }
        String version = Netns.host(home.resolve("bin/braid").toString(), "--version");
        assertTrue(version.matches("(?s)braid " + Pattern.quote(VERSION) + " \\(commit ([0-9a-f]{7}|unknown)\\)\n.*"), version);
    }

    @Test
    @Timeout(300)
    @SuppressWarnings("try") // the runtime directory and the TUN device's mode are only there to be undone
    void theUnitsCommandLinesBringATunnelUpAsTheBraidUserWithOnlyTheirCapabilities() throws Exception {
        Prerequisites.ofThisRun().root("installs the .deb, runs processes as the braid user and builds namespaces")
                .tools("dpkg", "dpkg-deb", "adduser", "setpriv", "ip", "nft", "ping").file(Path.of("/dev/net/tun"));
        boolean userBefore = InstalledPackage.userExists();
        try (InstalledPackage installed = InstalledPackage.install(deb());
             RuntimeDirectory run = RuntimeDirectory.create("braid");
             OpenTunDevice tun = OpenTunDevice.open();
             World world = new World("package")) {
            try {
                runTheUnits(installed, world, userBefore);
            } catch (AssertionError | Exception e) {
                for (String log : List.of("proxy.log", "client.log")) {
                    System.out.println("[e2e] ---- package: " + log + " ----\n" + world.log(log));
                }
                throw e;
            }
        }
    }

    private static void runTheUnits(InstalledPackage installed, World world, boolean userBefore) throws Exception {
        {
            verifyUnits();
            assertEquals("750 root:braid", stat("/etc/braid"));
            assertEquals("640 root:braid", stat("/etc/braid/users"));
            assertEquals("640 root:braid", stat("/etc/braid/users.secret"));
            assertEquals("750 braid:braid", stat("/var/lib/braid"));
            assertTrue(Netns.host("getent", "passwd", "braid").trim().endsWith(":/nonexistent:/usr/sbin/nologin"));

            ProxyTopology net = ProxyTopology.buildWithoutRouteBack(world, 1);
            Netns.host("chmod", "0755", world.dir().toString());
            Path password = world.dir().resolve("add-alice.pw");
            Files.writeString(password, ProxyTopology.PASSWORD + "\n");
            Netns.host("/usr/bin/braid", "user", "add", "alice", "--users", "/etc/braid/users",
                    "--password-file", password.toString(), "--argon2", "8,1,1");
            assertEquals("640 root:braid", stat("/etc/braid/users"), "braid user add keeps the package's mode and group");
            writeConfigs();

            try (NotifySocket proxyNotify = new NotifySocket(world.dir().resolve("proxy.notify"));
                 NotifySocket clientNotify = new NotifySocket(world.dir().resolve("client.notify"))) {
                BraidProcess proxy = start(world, net.proxyNs(), "proxy", proxyNotify);
                assertTrue(proxyNotify.await("READY=1", proxy.process(), START).contains("STATUS=listening on "), proxyNotify.messages().toString());
                assertRunsAsBraidWith(proxy, "0000000000001000"); // CAP_NET_ADMIN only
                assertTrue(net.proxyNs().run("nft", "list", "tables").contains("braid_snat"), proxy.log());

                BraidProcess client = start(world, net.clientNs(0), "client", clientNotify);
                assertTrue(clientNotify.await("READY=1", client.process(), START).contains("STATUS=tunnel up: alice on braidc0 10.77.0."),
                        clientNotify.messages() + "\n" + client.log());
                assertRunsAsBraidWith(client, "0000000000003000"); // CAP_NET_ADMIN, CAP_NET_RAW

                // The server has no route to the pool: only the proxy's nft SNAT lets it answer.
                System.out.println("[e2e] package: " + net.pingServer(0).lines().filter(l -> l.contains("packet loss")).findFirst().orElse(""));
                String status = Netns.host("/usr/bin/braid", "status", "--socket", RuntimeDirectory.PATH.resolve("proxy.sock").toString());
                assertTrue(status.contains("(alice, 10.77.0."), status);

                client.terminate();
                proxy.terminate();
                World.await("STOPPING=1 from the client", Duration.ofSeconds(5), () -> clientNotify.messages().contains("STOPPING=1"));
                World.await("STOPPING=1 from the proxy", Duration.ofSeconds(5), () -> proxyNotify.messages().contains("STOPPING=1"));
                assertFalse(net.proxyNs().run("nft", "list", "tables").contains("braid_snat"), proxy.log());
                assertFalse(net.clientNs(0).tunDevices().contains("braidc0"), client.log());
                assertTrue(Files.readString(Path.of("/var/lib/braid/leases")).contains("alice 10.77.0."),
                        "the braid user wrote the address leases");
            }

            installed.purge();
            assertFalse(Files.exists(Path.of("/etc/braid")), "purge removes /etc/braid");
            assertFalse(Files.exists(Path.of("/var/lib/braid")), "purge removes the address leases");
            assertFalse(Files.exists(Path.of("/usr/bin/braid")));
            if (!userBefore) {
                assertFalse(InstalledPackage.userExists(), "purge removes the braid user");
            }
        }
    }

    /** The package's units, by systemd's own checker where the machine has it. */
    private static void verifyUnits() {
        if (!Netns.execute(Duration.ofSeconds(5), List.of("sh", "-c", "command -v systemd-analyze")).ok()) {
            System.out.println("[e2e] package: systemd-analyze is not installed: the units were not verified");
            return;
        }
        Netns.Result verify = Netns.execute(Duration.ofSeconds(60), List.of("systemd-analyze", "verify",
                UNITS.resolve("braid-proxy.service").toString(), UNITS.resolve("braid-client.service").toString()));
        assertTrue(verify.ok() && verify.output().isBlank(), "systemd-analyze verify:\n" + verify.output());
    }

    /** The test's proxy and client configs in the package's places (the units name them), 0640 root:braid. */
    private static void writeConfigs() throws IOException {
        write("proxy.yaml", String.join("\n",
                "proxy:",
                "  plugins: [multilink, nat-probe, snat]",
                "  listen: 0.0.0.0:" + ProxyTopology.PORT,
                "  users: /etc/braid/users",
                "  tun-name: braidp0",
                "  client-pool: " + ProxyTopology.POOL,
                "  address-leases: /var/lib/braid/leases",
                "snat:",
                "  egress-interface: srv0",
                ""));
        write("client.yaml", String.join("\n",
                "client:",
                "  plugins: [multilink, nat-probe]",
                "  proxy: " + ProxyTopology.proxyAddress(0) + ":" + ProxyTopology.PORT,
                "  user: alice",
                "  password-file: /etc/braid/alice.password",
                "  tun-name: braidc0",
                "  routes: [" + ProxyTopology.SERVER_NET + "]",
                "  login-timeout: 30s",
                "links:",
                "  - name: eth0",
                "    interface: eth0",
                ""));
        write("alice.password", ProxyTopology.PASSWORD + "\n");
    }

    private static void write(String name, String content) throws IOException {
        Path file = Path.of("/etc/braid", name);
        Files.writeString(file, content);
        Netns.host("chown", "root:braid", file.toString());
        Netns.host("chmod", "0640", file.toString());
    }

    /** The unit's ExecStart as its user with its capabilities, told where systemd's notify socket is. */
    private static BraidProcess start(World world, Netns ns, String role, NotifySocket notify) throws IOException {
        UnitCommand unit = UnitCommand.read(UNITS.resolve("braid-" + role + ".service"));
        List<String> command = unit.commandLine("NOTIFY_SOCKET=" + notify.path(), "BRAID_JAVA_OPTS=-Xmx192m -XX:+UseSerialGC");
        return new BraidProcess(world, role, world.start(ns, role + ".log", command.toArray(String[]::new)));
    }

    private static void assertRunsAsBraidWith(BraidProcess process, String effectiveCapabilities) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(process.process().pid()), "status"));
        String uid = Netns.host("id", "-u", "braid").trim();
        assertTrue(status.contains("\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"), status);
        assertTrue(status.contains("\nCapEff:\t" + effectiveCapabilities + "\n"), status);
        assertTrue(status.contains("\nNoNewPrivs:\t1\n"), status);
    }

    private static String stat(String path) {
        return Netns.host("stat", "-c", "%a %U:%G", path).trim();
    }

    private static Path deb() throws IOException {
        Path deb = DIST.resolve("braid_" + debianVersion() + "_all.deb");
        if (!Files.isRegularFile(deb)) {
            throw new AssertionError("no " + deb + ": build it with mvn -pl dist package");
        }
        return deb;
    }

    /** jdeb's Debian form of the Maven version: 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~snapshot. */
    private static String debianVersion() {
        return VERSION.replace("-SNAPSHOT", "~snapshot");
    }

    private static Map<String, Entry> contents(Path deb) {
        Map<String, Entry> files = new HashMap<>();
        for (String line : Netns.host("dpkg-deb", "-c", deb.toString()).split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                files.put(m.group(3), new Entry(m.group(1), m.group(2), m.group(4)));
            }
        }
        return files;
    }
}
