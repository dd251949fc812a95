package dev.braid.multilink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.spi.ConfigReloader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reload's scheduler reaches the sessions through the live setting; nothing else of multilink reloads. */
class MultilinkReloaderTest {
    private final Injector injector = Guice.createInjector(new MultilinkPlugin().module(), new AbstractModule() {
        @Override
        protected void configure() {
            bind(MultilinkConfig.class).toInstance(document("multilink:\n  scheduler: proportional\n")
                    .section(MultilinkPlugin.NAME, MultilinkConfig.class));
        }
    });
    private final ConfigReloader reloader = injector.getInstance(Key.get(new TypeLiteral<Set<ConfigReloader>>() {}))
            .iterator().next();

    @Test
    void claimsTheSchedulerOnly() {
        assertEquals(Set.of("multilink.scheduler"), reloader.keys());
        assertEquals("multilink's scheduler", reloader.what());
    }

    @Test
    void theNewSchedulerIsTheLiveOne() {
        LiveScheduler live = injector.getInstance(LiveScheduler.class);
        assertSame(live, injector.getInstance(LiveScheduler.class), "one for every session");
        assertEquals("proportional", live.name());
        assertEquals("multilink.scheduler proportional -> min-rtt (each session from its next packet)",
                reloader.apply(document("multilink:\n  scheduler: min-rtt\n")));
        assertEquals("min-rtt", live.name());
        String name = live.name();
        assertEquals("", reloader.apply(document("multilink:\n  scheduler: min-rtt\n")), "nothing changed");
        assertSame(name, live.name(), "the sessions keep their scheduler instance and its state");
    }

    private static ConfigDocument document(String yaml) {
        return new ConfigLoader().register(MultilinkPlugin.NAME, MultilinkConfig.class).load("braid.yaml", yaml);
    }
}
