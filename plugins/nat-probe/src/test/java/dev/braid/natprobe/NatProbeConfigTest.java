package dev.braid.natprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.natprobe.protocol.ProbeSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatProbeConfigTest {

    @Test
    void defaults() {
        NatProbeConfig config = new NatProbeConfig();
        assertEquals(Duration.ofSeconds(15), config.getIdleInterval());
        assertEquals(Duration.ofMillis(100), config.getTrafficCheckInterval());
        assertEquals(Duration.ofMillis(300), config.getSuspectAfter());
        assertEquals(Duration.ofMillis(150), config.getFastInterval());
        assertEquals(3, config.getDownAfterMissed());
        assertEquals(Duration.ofSeconds(1), config.getDownProbeInterval());
        assertEquals(Duration.ofSeconds(30), config.getDownProbeMaxInterval());
        assertTrue(config.isProxyLiveness());
        assertEquals(List.of(), config.problems());
    }

    @Test
    void everyKeyMapsToItsSetting() {
        NatProbeConfig config = new NatProbeConfig();
        config.setIdleInterval(Duration.ofSeconds(20));
        config.setTrafficCheckInterval(Duration.ofMillis(50));
        config.setSuspectAfter(Duration.ofMillis(250));
        config.setFastInterval(Duration.ofMillis(120));
        config.setDownAfterMissed(5);
        config.setDownProbeInterval(Duration.ofSeconds(2));
        config.setDownProbeMaxInterval(Duration.ofSeconds(40));
        config.setProxyLiveness(false);

        assertEquals(new ProbeSettings(true, 20_000_000_000L, 50_000_000L, 250_000_000L, 120_000_000L, 5,
                2_000_000_000L, 40_000_000_000L), config.toSettings(Role.CLIENT));
        assertFalse(config.toSettings(Role.PROXY).idleProbing(), "keepalives come from the client");
        assertTrue(config.livenessFor(Role.CLIENT));
        assertFalse(config.livenessFor(Role.PROXY));
    }

    @Test
    void allProblemsAreReportedTogetherByKey() {
        NatProbeConfig config = new NatProbeConfig();
        config.setIdleInterval(Duration.ZERO);
        config.setFastInterval(Duration.ofMillis(-1));
        config.setDownAfterMissed(0);
        config.setDownProbeMaxInterval(Duration.ofMillis(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.toSettings(Role.CLIENT));
        for (String key : List.of("nat-probe.idle-interval", "nat-probe.fast-interval",
                "nat-probe.down-after-missed", "nat-probe.down-probe-max-interval")) {
            assertTrue(e.getMessage().contains(key), () -> key + " missing from: " + e.getMessage());
        }
        assertEquals(4, config.problems().size());
    }
}
