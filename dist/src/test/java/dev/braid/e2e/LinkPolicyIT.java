package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.time.SystemClock;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Link priorities and data caps over two real links (veths, 10 Mbit/s each by tbf), with
 * nat-probe's liveness: a backup link carries nothing while the primary is up, takes over within
 * the liveness time when the primary is cut (UDP dropped by nftables in the client's namespace),
 * and hands back when it returns; a link that reaches its data cap becomes a backup at both ends.
 */
class LinkPolicyIT {
    private static final String RATE = "10mbit";
    private static final String CUT_TABLE = "braid_it_cut";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "[1733512345.123456] 64 bytes from 10.201.2.2: icmp_seq=17 ttl=63 time=0.9 ms" */
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)] .*icmp_seq=(\\d+)", Pattern.MULTILINE);
    /** nat-probe's default detection (traffic check + suspect-after + 3 fast probes) is 850 ms; pings are 50 ms apart. */
    private static final double LONGEST_GAP_SECONDS = 1.5;

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("iperf3", "ping", "nft", "tc");

    @Test
    @Timeout(150)
    void aBackupLinkWaitsWhileThePrimaryIsUpAndTakesOverWhenItIsCut() throws Exception {
        ProxyTopology net = twoShapedLinks();
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305",
                "  plugins: [multilink, nat-probe]", ProxyTopology.twoLinks() + "\n    priority: backup");
        ProxyTopology.awaitTwoLinks(client);
        World.await("the proxy knows b is a backup", ProxyTopology.STARTUP,
                () -> "backup".equals(link(proxyJson(net), "b").path("priority").asText()));

        // The proxy's side of it: the transfer's TCP acks and the ping replies go down.
        Iperf.Report up = Iperf.run(worlds.world(), net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 3, null);
        System.out.println("[e2e] link policy, a primary + b backup, 2 x " + RATE + ": " + up);
        for (JsonNode status : List.of(clientJson(net), proxyJson(net))) {
            assertEquals(0, dataSent(status, "b"), "the backup carried data while the primary was up:\n" + status);
            assertTrue(dataSent(status, "a") > 100, status.toString());
            assertFalse(link(status, "b").path("carrying").asBoolean(), status.toString());
        }

        // Pings every 50 ms; link a is cut once 20 replies came, for the rest of the 6 s.
        Process ping = worlds.world().start(net.clientNs(0), "ping-cut.log", "ping", "-D", "-n", "-i", "0.05", "-c", "120",
                "-W", "1", ProxyTopology.SERVER);
        try {
            World.await("20 ping replies before the cut", Duration.ofSeconds(10),
                    () -> replies(worlds.world().log("ping-cut.log")) >= 20);
            cut(net.clientNs(0), "eth0");
            long cutAt = SystemClock.INSTANCE.nanos();
            World.await("ping done", Duration.ofSeconds(20), () -> !ping.isAlive());
            System.out.printf("[e2e] link a cut %.1f s before the pings ended%n", (SystemClock.INSTANCE.nanos() - cutAt) / 1e9);
        } finally {
            ping.destroyForcibly();
        }
        double gap = longestGapSeconds(worlds.world().log("ping-cut.log"));
        JsonNode afterCut = clientJson(net);
        System.out.printf("[e2e] primary cut: longest stretch without a ping reply %.2f s (pings 50 ms apart);"
                + " data on b: client %d, proxy %d%n", gap, dataSent(afterCut, "b"), dataSent(proxyJson(net), "b"));
        assertTrue(gap <= LONGEST_GAP_SECONDS, "the backup took over only after " + gap + " s:\n"
                + worlds.world().log("ping-cut.log"));
        assertTrue(dataSent(afterCut, "b") > 0 && dataSent(proxyJson(net), "b") > 0, "b carried nothing after the cut");
        assertEquals("down", link(afterCut, "a").path("state").asText(), afterCut.toString());

        // The primary returns: it carries again, and the backup goes back to waiting.
        restore(net.clientNs(0));
        World.await("a up again at both ends", Duration.ofSeconds(20), () -> "up".equals(link(clientJson(net), "a").path("state").asText())
                && "up".equals(link(proxyJson(net), "a").path("state").asText()));
        long bBefore = dataSent(clientJson(net), "b");
        long aBefore = dataSent(clientJson(net), "a");
        net.pingServer(0);
        JsonNode back = clientJson(net);
        assertEquals(bBefore, dataSent(back, "b"), "the backup still carried data after the primary returned:\n" + back);
        assertTrue(dataSent(back, "a") > aBefore, back.toString());
    }

    @Test
    @Timeout(120)
    void aLinkAtItsDataCapBecomesABackupAtBothEnds() throws Exception {
        ProxyTopology net = twoShapedLinks();
        Path usage = worlds.world().dir().resolve("data-usage");
        String links = ProxyTopology.twoLinks().replace("  - name: b\n", "  - name: b\n    priority: secondary\n")
                .replace("    interface: eth0\n", "    interface: eth0\n    data-cap: 2MB\n    data-cap-period: day\n");
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305",
                "  plugins: [multilink, nat-probe]\n  data-usage: " + usage, links);
        ProxyTopology.awaitTwoLinks(client);

        Iperf.Report first = Iperf.run(worlds.world(), net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 4, null);
        World.await("a at its cap, at both ends", Duration.ofSeconds(10),
                () -> "backup".equals(link(clientJson(net), "a").path("priority").asText())
                        && "backup".equals(link(proxyJson(net), "a").path("priority").asText()));
        JsonNode capped = clientJson(net);
        System.out.println("[e2e] data cap 2MB on a: " + first + "; count " + capped.at("/data_caps/a"));
        assertTrue(capped.at("/data_caps/a/at_cap").asBoolean(), capped.toString());
        assertTrue(client.log().contains("link a reached its data cap"), client.log());

        long aBefore = dataSent(capped, "a");
        Iperf.Report second = Iperf.run(worlds.world(), net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 3, null);
        JsonNode after = clientJson(net);
        System.out.println("[e2e] after the cap, b alone: " + second);
        assertEquals(aBefore, dataSent(after, "a"), "the capped link still carried data:\n" + after);
        assertTrue(second.receiverBitsPerSecond() > 0, second.toString());
        World.await("the count written", Duration.ofSeconds(15), () -> Files.exists(usage)
                && read(usage).lines().anyMatch(line -> line.startsWith("a ")));
    }

    private ProxyTopology twoShapedLinks() throws IOException, InterruptedException {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.addSecondLink(0);
        net.limitTwoLinks(RATE);
        net.startProxy(true, "  plugins: [multilink, nat-probe]");
        return net;
    }

    /** Drops the tunnel's UDP on {@code device} both ways, in a table of this test's own. */
    private static void cut(Netns ns, String device) {
        ns.run("nft", "add", "table", "inet", CUT_TABLE);
        ns.run("nft", "add", "chain", "inet", CUT_TABLE, "out", "{ type filter hook output priority 0; policy accept; }");
        ns.run("nft", "add", "chain", "inet", CUT_TABLE, "in", "{ type filter hook input priority 0; policy accept; }");
        ns.run("nft", "add", "rule", "inet", CUT_TABLE, "out", "oifname", device, "udp", "dport", "7600", "drop");
        ns.run("nft", "add", "rule", "inet", CUT_TABLE, "in", "iifname", device, "udp", "sport", "7600", "drop");
    }

    private static void restore(Netns ns) {
        ns.run("nft", "delete", "table", "inet", CUT_TABLE);
    }

    private static int replies(String pingLog) {
        return replyTimes(pingLog).size();
    }

    private static List<Double> replyTimes(String pingLog) {
        Matcher m = REPLY.matcher(pingLog);
        List<Double> times = new ArrayList<>();
        while (m.find()) {
            times.add(Double.parseDouble(m.group(1)));
        }
        return times;
    }

    /** The longest time between two ping replies. */
    static double longestGapSeconds(String pingLog) {
        List<Double> times = replyTimes(pingLog);
        if (times.size() < 2) {
            throw new AssertionError("fewer than two ping replies:\n" + pingLog);
        }
        double longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }

    private static JsonNode clientJson(ProxyTopology net) {
        return statusJson(net.clientSocket("client"));
    }

    private static JsonNode proxyJson(ProxyTopology net) {
        return statusJson(net.proxySocket());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asked on the control socket directly: a JVM per question would be slow in a polling loop. */
    private static JsonNode statusJson(Path socket) {
        try {
            return JSON.readTree(ControlSocket.request(socket, "status-json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode link(JsonNode status, String name) {
        for (JsonNode link : status.at("/sessions/0/links")) {
            if (link.path("name").asText().equals(name)) {
                return link;
            }
        }
        throw new AssertionError("no link " + name + " in " + status);
    }

    /** Data packets the multilink scheduler put on the link (probes and keepalives are not data). */
    private static long dataSent(JsonNode status, String name) {
        return link(status, name).at("/multilink/packets_sent").asLong();
    }
}
