package dev.braid.natprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.spi.ConfigReloader;
import dev.braid.core.spi.Role;
import dev.braid.natprobe.protocol.LinkLiveness;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reload's new probe intervals reach links that run already, from their next step. */
class NatProbeReloaderTest {
    private static final long S = 1_000_000_000L;
    /** A traffic check once a minute, so an idle link's next deadline is its idle probe. */
    private static final String SLOW_CHECKS = "nat-probe:\n  traffic-check-interval: 60s\n";

    private final Injector injector = Guice.createInjector(new NatProbePlugin().module(), new AbstractModule() {
        @Override
        protected void configure() {
            bind(NatProbeConfig.class).toInstance(document(SLOW_CHECKS).section(NatProbePlugin.CONFIG_SECTION, NatProbeConfig.class));
        }
    });
    private final LiveProbeSettings live = injector.getInstance(LiveProbeSettings.class);
    private final ConfigReloader reloader = injector.getInstance(Key.get(new TypeLiteral<Set<ConfigReloader>>() {}))
            .iterator().next();

    @Test
    void claimsTheIntervalsAndCountsButNotProxyLiveness() {
        assertEquals("nat-probe's probe intervals", reloader.what());
        assertEquals(7, reloader.keys().size());
        assertTrue(reloader.keys().contains("nat-probe.idle-interval"));
        assertTrue(reloader.keys().contains("nat-probe.down-probe-max-interval"));
        assertFalse(reloader.keys().contains("nat-probe.proxy-liveness"), "it decides whether links probe at all");
    }

    @Test
    void aRunningLinkTakesTheNewIdleIntervalAtItsNextStep() {
        LinkLiveness link = new LinkLiveness(live.of(Role.CLIENT), 0);
        link.onTimer(0, 0); // the probe at start
        link.onReceive(0);
        assertEquals(15 * S, link.nextDeadlineNanos());

        assertEquals("nat-probe.idle-interval 15s -> 5s, nat-probe.down-after-missed 3 -> 4 (each link from its next probe)",
                reloader.apply(document(SLOW_CHECKS + "  idle-interval: 5s\n  down-after-missed: 4\n")));
        assertEquals(5 * S, link.nextDeadlineNanos());
        assertEquals(4, live.of(Role.PROXY).get().downAfterMissed());
        assertFalse(live.of(Role.PROXY).get().idleProbing(), "keepalives still come from the client only");
    }

    private static ConfigDocument document(String yaml) {
        return new ConfigLoader().register(NatProbePlugin.CONFIG_SECTION, NatProbeConfig.class).load("braid.yaml", yaml);
    }
}
