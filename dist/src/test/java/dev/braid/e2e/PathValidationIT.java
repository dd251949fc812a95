package dev.braid.e2e;

import static dev.braid.e2e.NatDeployment.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19's reflection attack against the core's path validation, in the {@link NatDeployment}
 * namespaces. nat-a stands in for the attacker: for a while it rewrites link a's authentic
 * datagrams to a victim's address (10.210.11.99, which nothing answers for), as an insider or an
 * on-path attacker relaying them from a spoofed source would. The proxy must keep the link where
 * it was and send the victim at most 3x what came "from" it, and nothing once the challenge
 * failed. A real NAT rebinding must still move the link, quickly. Measured numbers print with
 * "[path]".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathValidationIT {
    private static final String[] TOOLS = {"ip", "nft", "conntrack", "python3", "ping", "tc", "ss"};
    private static final String VICTIM = "10.210.11.99";
    /** The proxy's own counters of what it exchanges with the victim's address. */
    private static final String COUNT_TABLE = "pathcount";
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes (\\d+) comment \"(\\w+)\"");

    private World world;
    private NatDeployment net;

    @BeforeAll
    void deploy() throws Exception {
        NatDeployment.requirePrerequisites(TOOLS);
        world = new World("pathval");
        try {
            net = NatDeployment.started(world);
            // Frames to the victim go to a MAC nobody has: sent by the proxy, answered by no one.
            net.proxyNs.run("ip", "neigh", "replace", VICTIM, "lladdr", "02:00:00:00:00:99", "dev", "wan-a", "nud",
                    "permanent");
            NatDeployment.nftScript(net.proxyNs, String.join("\n",
                    "table ip " + COUNT_TABLE + " {",
                    "  chain in { type filter hook input priority 0; policy accept;",
                    "    ip saddr " + VICTIM + " udp dport " + NatDeployment.PORT + " counter comment \"fromvictim\"",
                    "  }",
                    "  chain out { type filter hook output priority 0; policy accept;",
                    "    ip daddr " + VICTIM + " counter comment \"tovictim\"",
                    "  }",
                    "}", ""));
        } catch (Exception | Error e) {
            world.close();
            world = null;
            throw e;
        }
    }

    @AfterAll
    void tearDown() {
        if (world != null) {
            world.close(); // namespaces (and with them the nft tables and TUNs) go, also after a failure
        }
    }

    @Test
    @Order(1)
    @Timeout(60)
    void aRealNatRebindingMovesTheLinkAfterValidation() throws Exception {
        Process ping = pingThroughTheTunnel(100);
        try {
            Thread.sleep(1000);
            long rebound = SystemClock.INSTANCE.nanos();
            NatDeployment.rebind(net.natA, "45000-45999");
            World.await("the proxy follows link a to its new port", Duration.ofSeconds(10), () -> {
                int port = link(net.proxyStatus(), "a").remotePort();
                return port >= 45000 && port <= 45999;
            });
            long millis = (SystemClock.INSTANCE.nanos() - rebound) / 1_000_000;
            System.out.println("[path] NAT rebinding of nat-a under 10 pings/s: the proxy moved link a after "
                    + millis + " ms (validated by a path challenge)");
            assertTrue(millis < 5_000, "moved after " + millis + " ms");
        } finally {
            World.stop(ping, Duration.ofSeconds(1));
        }
        assertTrue(net.proxy.log().contains("link a moved from /10.210.11.2:"), net.proxy.log());
    }

    @Test
    @Order(2)
    @Timeout(90)
    void datagramsRelayedFromASpoofedAddressDoNotMoveTheLinkNorReflect() throws Exception {
        String before = net.proxyStatus();
        String remoteBefore = link(before, "a").remote();
        Process ping = pingThroughTheTunnel(150);
        long[] atGiveUp;
        long[] atEnd;
        try {
            spoofLinkA(true);
            World.await("datagrams of link a arrive from the victim's address", Duration.ofSeconds(15),
                    () -> counters()[0] > 0);
            // A challenge, 3 retries 200 ms apart, then the address is held down.
            World.await("the proxy gives up challenging the victim's address", Duration.ofSeconds(15),
                    () -> net.proxyStatus().contains("unanswered path challenges: "));
            atGiveUp = counters();
            Thread.sleep(8_000); // the measured window: link a's datagrams keep coming "from" the victim
            atEnd = counters();
        } finally {
            spoofLinkA(false);
            World.stop(ping, Duration.ofSeconds(1));
        }
        String during = net.proxyStatus();
        System.out.printf("[path] spoofed relay of link a from %s: the proxy received %d datagrams (%d bytes) from"
                        + " it and sent it %d datagrams (%d bytes), ratio %.2f; after the challenge failed: %d more"
                        + " datagrams from it, %d to it%n", VICTIM, atEnd[0], atEnd[1], atEnd[2], atEnd[3],
                (double) atEnd[3] / atEnd[1], atEnd[0] - atGiveUp[0], atEnd[2] - atGiveUp[2]);
        assertEquals(remoteBefore, link(during, "a").remote(), "link a did not move:\n" + during);
        assertTrue(!during.contains(VICTIM), "no link at the victim's address:\n" + during);
        assertTrue(atEnd[3] <= 3 * atEnd[1], "sent " + atEnd[3] + " bytes for " + atEnd[1] + " received");
        assertTrue(atEnd[0] > atGiveUp[0], "the relay went on after the challenge failed");
        assertEquals(atGiveUp[2], atEnd[2], "nothing to the victim after the challenge failed");
        assertTrue(during.contains("unanswered path challenges: "), during);

        // The genuine address comes back (a rebinding to a fresh port): the link is used again.
        NatDeployment.rebind(net.natA, "46000-46999");
        World.await("link a usable again", Duration.ofSeconds(40), () -> link(net.proxyStatus(), "a").up()
                && link(net.proxyStatus(), "a").remotePort() >= 46000);
        assertTrue(net.curl(net.client).ok(), "the tunnel works after the attack");
    }

    /** While on, nat-a rewrites link a's UDP to the victim's address instead of its own. */
    private void spoofLinkA(boolean on) {
        String rule = on ? "snat to " + VICTIM + ":40000-40999" : "masquerade";
        NatDeployment.nftScript(net.natA, String.join("\n",
                "flush chain ip " + NatDeployment.NAT_TABLE + " masq",
                "add rule ip " + NatDeployment.NAT_TABLE + " masq oifname \"wan\" meta l4proto udp counter " + rule,
                "add rule ip " + NatDeployment.NAT_TABLE + " masq oifname \"wan\" counter masquerade", ""));
        net.natA.run("conntrack", "-F");
    }

    /** @return datagrams and bytes from the victim, then to it, as the proxy's kernel counted them */
    private long[] counters() {
        String table = net.proxyNs.run("nft", "list", "table", "ip", COUNT_TABLE);
        long[] values = new long[4];
        Matcher m = COUNTER.matcher(table);
        while (m.find()) {
            int at = m.group(3).equals("fromvictim") ? 0 : 2;
            values[at] = Long.parseLong(m.group(1));
            values[at + 1] = Long.parseLong(m.group(2));
        }
        return values;
    }

    /** 10 pings a second from the client to the server through the tunnel, on both links. */
    private Process pingThroughTheTunnel(int count) throws Exception {
        return world.start(net.client, "ping-" + count + ".log", "ping", "-i", "0.1", "-c", String.valueOf(count),
                NatDeployment.SERVER);
    }
}
