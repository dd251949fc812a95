package dev.braid.multilink.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.core.client.DataCapPeriod;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.DataSize;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.testing.TestIpPackets;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.InMemoryTun;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.MultilinkConfig;
import io.netty.buffer.ByteBuf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link priorities and data caps end to end over loopback: the client tells the proxy each link's
 * use in its JOIN, and both ends send only on the links of the best tier that is up.
 */
class LinkPolicyTunnelTest {
    private static final int SERVER = Ipv4.parse("10.99.0.1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LoopbackTunnel tunnel;

    @AfterEach
    void stop() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    @Test
    void aBackupLinkCarriesNothingWhileThePrimaryIsUp() throws Exception {
        LinkConfig backup = LinkConfig.named("b");
        backup.setPriority(LinkPriority.BACKUP);
        tunnel = LoopbackTunnel.start(dir, new MultilinkConfig(), List.of(LinkConfig.named("a"), backup), config -> {});
        await("the proxy learnt that b is a backup", () -> "backup".equals(link(proxyJson(), "b").path("priority").asText()));

        int up = send(tunnel.clientTun, tunnel.proxyTun, tunnel.clientAddress, SERVER, 400);
        int down = send(tunnel.proxyTun, tunnel.clientTun, SERVER, tunnel.clientAddress, 400);
        assertTrue(up >= 380 && down >= 380, up + " up, " + down + " down of 400");

        for (JsonNode status : List.of(clientJson(), proxyJson())) {
            assertEquals(0, link(status, "b").at("/multilink/packets_sent").asLong(), status.toString());
            assertFalse(link(status, "b").path("carrying").asBoolean(), status.toString());
            assertTrue(link(status, "a").at("/multilink/packets_sent").asLong() >= 380, status.toString());
            assertEquals("up", link(status, "b").path("state").asText(), "a standby link stays up: " + status);
        }
        assertTrue(tunnel.clientStatus("status").contains("backup standby"), tunnel.clientStatus("status"));
    }

    @Test
    void aReloadLowersAKeptLinkToBackupAtBothEnds() throws Exception {
        tunnel = LoopbackTunnel.start(dir, new MultilinkConfig(), List.of(LinkConfig.named("a"), LinkConfig.named("b")),
                config -> {});
        send(tunnel.clientTun, tunnel.proxyTun, tunnel.clientAddress, SERVER, 200);
        assertTrue(link(clientJson(), "b").at("/multilink/packets_sent").asLong() > 0, "both primary: both carry");

        LinkConfig backup = LinkConfig.named("b");
        backup.setPriority(LinkPriority.BACKUP);
        tunnel.client.replaceLinks(List.of(LinkConfig.named("a"), backup), false);
        await("the proxy learnt that b is a backup now", () -> "backup".equals(link(proxyJson(), "b").path("priority").asText()));
        long bClient = link(clientJson(), "b").at("/multilink/packets_sent").asLong();
        long bProxy = link(proxyJson(), "b").at("/multilink/packets_sent").asLong();
        send(tunnel.clientTun, tunnel.proxyTun, tunnel.clientAddress, SERVER, 200);
        send(tunnel.proxyTun, tunnel.clientTun, SERVER, tunnel.clientAddress, 200);
        assertEquals(bClient, link(clientJson(), "b").at("/multilink/packets_sent").asLong(), clientJson().toString());
        assertEquals(bProxy, link(proxyJson(), "b").at("/multilink/packets_sent").asLong(), proxyJson().toString());
    }

    @Test
    void aLinkAtItsDataCapBecomesBackupAndItsCountIsKept() throws Exception {
        LinkConfig metered = LinkConfig.named("a");
        metered.setDataCap(DataSize.parse("150kB"));
        metered.setDataCapPeriod(DataCapPeriod.DAY);
        LinkConfig second = LinkConfig.named("b");
        second.setPriority(LinkPriority.SECONDARY);
        Path usage = dir.resolve("data-usage");
        tunnel = LoopbackTunnel.start(dir, new MultilinkConfig(), List.of(metered, second),
                config -> config.setDataUsage(usage.toString()));

        send(tunnel.clientTun, tunnel.proxyTun, tunnel.clientAddress, SERVER, 200); // 200 kB and more: over the cap
        await("a at its cap, backup at the client", () -> "backup".equals(link(clientJson(), "a").path("priority").asText()));
        await("the proxy told", () -> "backup".equals(link(proxyJson(), "a").path("priority").asText()));
        JsonNode capped = clientJson();
        assertTrue(capped.at("/data_caps/a/at_cap").asBoolean(), capped.toString());
        assertTrue(capped.at("/data_caps/a/used_bytes").asLong() >= 150_000, capped.toString());
        long aBefore = link(capped, "a").at("/multilink/packets_sent").asLong();
        long bBefore = link(capped, "b").at("/multilink/packets_sent").asLong();

        int delivered = send(tunnel.clientTun, tunnel.proxyTun, tunnel.clientAddress, SERVER, 200);
        JsonNode after = clientJson();
        assertTrue(delivered >= 190, delivered + " of 200 after the cap");
        assertEquals(aBefore, link(after, "a").at("/multilink/packets_sent").asLong(), "data on the capped link: " + after);
        assertTrue(link(after, "b").at("/multilink/packets_sent").asLong() - bBefore >= 190, after.toString());
        assertTrue(tunnel.clientStatus("status").contains("data cap a: "), tunnel.clientStatus("status"));

        tunnel.close();
        tunnel = null;
        String saved = Files.readString(usage);
        String line = saved.lines().filter(l -> l.startsWith("a ")).findFirst().orElseThrow(() -> new AssertionError(saved));
        String[] fields = line.split(" ");
        assertEquals(LocalDate.now().toString(), fields[1], saved);
        assertTrue(Long.parseLong(fields[2]) >= 150_000, saved);
    }

    /** Sends {@code count} 1000-byte UDP packets, paced; @return how many arrived */
    private static int send(InMemoryTun from, InMemoryTun to, int src, int dst, int count) throws InterruptedException {
        int received = 0;
        for (int i = 0; i < count; i++) {
            from.inject(TestIpPackets.udp(src, dst, new byte[1000]));
            if (i % 10 == 9) {
                Thread.sleep(2);
            }
            received += drain(to, 0);
        }
        int more;
        while (received < count && (more = drain(to, 2000)) > 0) {
            received += more;
        }
        return received;
    }

    private static int drain(InMemoryTun tun, long waitMillis) throws InterruptedException {
        int n = 0;
        ByteBuf packet = tun.pollWritten(waitMillis, TimeUnit.MILLISECONDS);
        while (packet != null) {
            packet.release();
            n++;
            packet = tun.pollWritten(0, TimeUnit.MILLISECONDS);
        }
        return n;
    }

    private JsonNode clientJson() throws Exception {
        return JSON.readTree(tunnel.clientStatus("status-json"));
    }

    private JsonNode proxyJson() throws Exception {
        return JSON.readTree(tunnel.proxyStatus("status-json"));
    }

    private static JsonNode link(JsonNode status, String name) {
        for (JsonNode link : status.at("/sessions/0/links")) {
            if (link.path("name").asText().equals(name)) {
                return link;
            }
        }
        throw new AssertionError("no link " + name + " in " + status);
    }

    /** Polls {@code condition} (a status request) for up to 10 s; a link not there yet counts as not yet. */
    private static void await(String what, Check condition) throws Exception {
        long end = SystemClock.INSTANCE.nanos() + TimeUnit.SECONDS.toNanos(10);
        while (!holdsYet(condition)) {
            if (SystemClock.INSTANCE.nanos() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static boolean holdsYet(Check condition) throws Exception {
        try {
            return condition.holds();
        } catch (AssertionError notThereYet) {
            return false;
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }
}
