package dev.braid.testbed.bench.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import dev.braid.core.time.SystemClock;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.bench.path.PathNet;
import dev.braid.testbed.bench.path.PathProfile;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe in namespaces (root): over plain IP through the realtime world's fast link (8 Mbit/s,
 * 5 ms one way, nothing else on it) every datagram arrives once, in order, about 5 ms after it left,
 * both ways; and a cut of that link shows as a gap. Bounds are generous for a shared 2-core machine.
 */
class RealtimeProbeTest {

    @Test
    @Timeout(180)
    void theFastLinkAloneCarriesTheProbeBothWaysAndACutShowsAsAGap() throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces, tc shaping and TUN devices").tools("ip", "tc", "ping");
        try (PathNet net = PathNet.build(PathProfile.realtime(0), "none", List.of(), 1)) {
            net.start(TcpVariant.DIRECT, List.of(RealtimeBench.FAST_LINK));
            RealtimeProbe probe = new RealtimeProbe(net.world());
            Duration duration = Duration.ofSeconds(3);
            String clientAddress = net.clientNs().run("ip", "-o", "-4", "addr", "show", "dev", "eth0")
                    .replaceFirst("(?s).*inet ([0-9.]+)/.*", "$1");

            for (boolean down : new boolean[] {false, true}) {
                Netns sender = down ? net.serverNs() : net.clientNs();
                Netns receiver = down ? net.clientNs() : net.serverNs();
                ProbeStats stats = probe.run(sender, receiver, down ? clientAddress : ProxyTopology.SERVER, duration).stats();
                String what = (down ? "down: " : "up: ") + stats;
                assertEquals(RealtimeProbe.count(duration), stats.sent(), what);
                assertEquals(stats.sent(), stats.received(), what);
                assertEquals(0, stats.duplicates(), what);
                assertEquals(0, stats.reordered(), what);
                assertTrue(stats.p50Ms() >= 5 && stats.p50Ms() < 15, "5 ms one way: " + what);
            }

            long start = SystemClock.INSTANCE.nanos() + Duration.ofSeconds(2).toNanos();
            try (AutoCloseable cut = net.cut(RealtimeBench.FAST_LINK)) {
                ProbeStats stats = probe.run(net.clientNs(), net.serverNs(), ProxyTopology.SERVER, duration, start).stats();
                assertEquals(0, stats.received(), "nothing crosses a cut link: " + stats);
                assertTrue(Double.isNaN(stats.longestGapMs()), stats.toString());
            }
            ProbeStats after = probe.run(net.clientNs(), net.serverNs(), ProxyTopology.SERVER, duration).stats();
            assertEquals(after.sent(), after.received(), "the link is whole again: " + after);
        }
    }
}
