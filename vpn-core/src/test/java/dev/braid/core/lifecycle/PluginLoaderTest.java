package dev.braid.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.braid.core.cli.Bootstrap;
import dev.braid.core.spi.BraidPlugin;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.Extensions;
import dev.braid.core.spi.Role;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.session.SingleLinkDataPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginLoaderTest {

    /** Found through META-INF/services in the test resources. */
    public static final class EchoPlugin implements BraidPlugin {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Module module() {
            return new AbstractModule() {
                @Override
                protected void configure() {
                    Extensions.dataPaths(binder()).addBinding("echo").toInstance(new DataPathFactory() {
                        @Override
                        public String name() {
                            return "echo";
                        }

                        @Override
                        public dev.braid.core.spi.DataPath create(dev.braid.core.spi.SessionContext session) {
                            return new SingleLinkDataPath(session);
                        }
                    });
                }
            };
        }
    }

    @Test
    void findsPluginsOnTheClassPathAndWiresTheirExtensions() {
        PluginLoader loader = new PluginLoader(getClass().getClassLoader());
        assertEquals(List.of("echo"), loader.availableNames());
        String yaml = "proxy:\n  plugins: [echo]\n  users: /nonexistent\n";
        Bootstrap bootstrap = new Bootstrap(loader);
        Bootstrap.Loaded loaded = bootstrap.wire(bootstrap.configLoader().load("test.yaml", yaml), Role.PROXY);
        assertEquals(List.of("echo", "single"), List.copyOf(loaded.pluginSet().dataPaths().keySet()));
    }

    @Test
    void unknownPluginFailsListingTheKnownOnes() {
        PluginLoader loader = new PluginLoader(getClass().getClassLoader());
        PluginException e = assertThrows(PluginException.class, () -> loader.select(List.of("echo", "multilnk")));
        assertEquals("unknown plugin 'multilnk' (known: echo)", e.getMessage());
    }

    @Test
    void withoutPluginsOnlyTheCoreDataPathExists() {
        Bootstrap bootstrap = new Bootstrap(new PluginLoader(getClass().getClassLoader()));
        ConfigLoader configLoader = bootstrap.configLoader();
        var loaded = bootstrap.wire(configLoader.load("t.yaml", "client:\n  proxy: 127.0.0.1:7600\n  user: a\n"), Role.CLIENT);
        assertEquals(List.of("single"), List.copyOf(loaded.pluginSet().dataPaths().keySet()));
        assertThrows(IllegalArgumentException.class, () -> loaded.pluginSet().dataPath("multilink"));
    }
}
