package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's first attack against a real proxy: one address floods HELLOs (and echoes every cookie,
 * so it is a proven address) while a client in another namespace logs in. Before the cookie, the
 * per-address budget and the PROOF lane, 100 HELLO/s kept every client out for 21 s.
 */
class LoginUnderAttackIT {
    private static final Pattern TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) ", Pattern.MULTILINE);

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension();

    @Test
    @Timeout(120)
    void aClientLogsInWithinFiveSecondsWhileAnotherAddressFloodsHellos() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 2).user("alice");
        net.startProxy(true, "");
        Process flood = worlds.world().start(net.clientNs(1), "flood.log", Braid.command("hello-flood",
                "--to", ProxyTopology.proxyAddress(1) + ":" + ProxyTopology.PORT, "--rate", "2000",
                "--duration", "60s").toArray(String[]::new));
        Duration loginTime;
        try {
            World.await("the flood meets the proxy's budget", Duration.ofSeconds(30),
                    () -> Braid.status(net.proxySocket()).contains("hello-rate-limited="));
            BraidProcess client = net.connectClient(0, "client", "alice", "chacha20-poly1305");
            loginTime = between(client.log(), "logging in as alice", "tunnel up");
            assertTrue(loginTime.compareTo(Duration.ofSeconds(5)) < 0, "login took " + loginTime + ":\n" + client.log());
            net.pingServer(0);
        } finally {
            World.stop(flood, Duration.ofSeconds(2));
        }
        String status = Braid.status(net.proxySocket());
        assertTrue(status.contains("hello-rate-limited="), status);
        long proxyLines = net.proxy().log().lines().count();
        System.out.println("LoginUnderAttackIT: login took " + loginTime + "; proxy log " + proxyLines + " lines; "
                + status.lines().filter(l -> l.startsWith("drops")).findFirst()
                .orElse(""));
        assertTrue(proxyLines < 60, "the flood must not flood the log: " + proxyLines + " lines\n" + net.proxy().log());
    }

    /** Time between the first log lines containing {@code from} and {@code to} (same day). */
    private static Duration between(String log, String from, String to) {
        return Duration.between(timeOf(log, from), timeOf(log, to));
    }

    private static LocalTime timeOf(String log, String text) {
        for (String line : log.lines().toList()) {
            Matcher m = TIME.matcher(line);
            if (line.contains(text) && m.find()) {
                return LocalTime.parse(m.group(1));
            }
        }
        throw new AssertionError("no line with '" + text + "' in:\n" + log);
    }
}
