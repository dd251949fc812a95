package dev.braid.natprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.braid.core.spi.BraidPlugin;
import dev.braid.core.spi.SessionExtensionFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NatProbePluginTest {

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertTrue(ServiceLoader.load(BraidPlugin.class).stream()
                .anyMatch(p -> p.type() == NatProbePlugin.class && p.get().name().equals("nat-probe")));
    }

    @Test
    void ownsTheNatProbeSection() {
        assertEquals(Map.of("nat-probe", NatProbeConfig.class), new NatProbePlugin().configSections());
    }

    @Test
    void moduleAddsTheProbingExtensionWithItsControlCodes() {
        Injector injector = Guice.createInjector(new NatProbePlugin().module(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(NatProbeConfig.class).toInstance(new NatProbeConfig());
            }
        });
        Set<SessionExtensionFactory> factories = injector.getInstance(Key.get(new TypeLiteral<Set<SessionExtensionFactory>>() {}));
        assertEquals(1, factories.size());
        SessionExtensionFactory factory = factories.iterator().next();
        assertEquals("nat-probe", factory.name());
        assertEquals(Set.of(0x30, 0x31), factory.controlTypes(), "path validation is the core's");
    }
}
