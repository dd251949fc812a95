package dev.braid.testbed.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import dev.braid.testbed.bench.path.PathProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's 60 s chaos run (root): every kind of fault once while a UDP probe and a TCP flow
 * run; the tunnel comes back after each, no ByteBuf leaks in any Braid process. The outages and
 * memory are the bench's figures ({@code braid bench chaos}), not asserted here.
 */
class ChaosBenchTest {

    @Test
    @Timeout(300)
    void aTunnelSurvivesEveryFaultOnceWithoutLeaks(@TempDir Path out) throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces, tc shaping, nftables rules and TUN devices")
                .tools("ip", "tc", "nft", "conntrack", "iperf3", "ping");
        StringWriter log = new StringWriter();
        ChaosResult result = new ChaosBench(new ChaosBench.Settings(PathProfile.parse("20+10@10/30").get(0), 60, 10,
                "aes-256-gcm", "5M", false), new PrintWriter(log, true)).run();
        ChaosReport.write(result, "test", out);
        String what = Files.readString(out.resolve("chaos.md")) + "\n" + log;
        System.out.println(what);

        assertTrue(result.events().stream().map(EventOutcome::event).toList().containsAll(Arrays.asList(ChaosEvent.values())),
                what);
        assertEquals(0, result.sessionsLost(), what);
        assertEquals(0, result.leakReports(), what);
        assertTrue(result.udp().received() > result.udp().sent() / 2, what);
        assertTrue(Files.readString(out.resolve("chaos.csv")).lines().count() == result.events().size() + 1, what);
    }
}
