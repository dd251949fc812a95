package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.braid.core.spi.BraidPlugin;
import dev.braid.core.spi.NetworkHook;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnatPluginTest {

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BraidPlugin.class).stream()
                .anyMatch(p -> p.type() == SnatPlugin.class && p.get().name().equals("snat")));
    }

    @Test
    void ownsTheSnatSection() {
        assertEquals(Map.of("snat", SnatConfig.class), new SnatPlugin().configSections());
    }

    @Test
    void contributesOneNetworkHook() {
        SnatConfig config = new SnatConfig();
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(SnatConfig.class).toInstance(config); // as the core binds config sections
            }
        }, new SnatPlugin().module());

        Set<NetworkHook> hooks = injector.getInstance(Key.get(new TypeLiteral<Set<NetworkHook>>() {}));
        assertEquals(1, hooks.size());
        NetworkHook hook = hooks.iterator().next();
        assertInstanceOf(SnatNetworkHook.class, hook);
        assertEquals("snat", hook.name());
    }
}
