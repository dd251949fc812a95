package dev.braid.core.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.lifecycle.PluginException;
import dev.braid.core.lifecycle.PluginLoader;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.logging.LoggingConfig;
import dev.braid.core.metrics.MetricsConfig;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.session.SingleLinkDataPath;
import dev.braid.core.spi.BraidPlugin;
import dev.braid.core.spi.ConfigReloader;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.Extensions;
import dev.braid.core.spi.NetworkHook;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtensionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a config file, loads the plugins it names and wires core and plugins with Guice.
 *
 * <ol>
 *   <li>Every plugin on the class path may own config sections, so all of them are registered
 *       before the file is read; config errors of core and plugins come out together.
 *   <li>The role's {@code plugins:} list selects which plugins load (unknown names fail, listing
 *       the known ones).
 *   <li>The bound config objects and the plugins' modules make one injector; the extension points
 *       are read from it into a {@link PluginSet}.
 * </ol>
 */
public final class Bootstrap {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    public static final String PROXY_SECTION = "proxy";
    public static final String CLIENT_SECTION = "client";
    public static final String LINKS_SECTION = "links";
    /** `links: auto`: one link per usable interface, following interfaces as they come and go. */
    public static final String LINKS_AUTO = "auto";
    public static final String LOGGING_SECTION = "logging";
    public static final String METRICS_SECTION = "metrics";

    private final PluginLoader pluginLoader;

    public Bootstrap() {
        this(new PluginLoader(Bootstrap.class.getClassLoader()));
    }

    public Bootstrap(PluginLoader pluginLoader) {
        this.pluginLoader = pluginLoader;
    }

    /** A loaded config: the document, the role, the selected plugins and the wired extension points. */
    public record Loaded(ConfigDocument document, Role role, List<BraidPlugin> plugins, PluginSet pluginSet, Injector injector) {
        /** What the loaded plugins apply at reload, in a stable order. */
        public List<ConfigReloader> configReloaders() {
            return sorted(injector.getInstance(Key.get(new TypeLiteral<Set<ConfigReloader>>() {})),
                    Comparator.comparing(ConfigReloader::what));
        }

        /** The sections of the role that runs and of the plugins it loaded; not the other role's. */
        public String effectiveConfig(EffectiveConfig.Detail detail) {
            return EffectiveConfig.render(document, roleSections(), detail);
        }

        public List<String> roleSections() {
            Set<String> names = new java.util.TreeSet<>(role == Role.PROXY ? List.of(PROXY_SECTION)
                    : List.of(CLIENT_SECTION, LINKS_SECTION));
            names.add(LOGGING_SECTION);
            names.add(METRICS_SECTION);
            plugins.forEach(plugin -> names.addAll(plugin.configSections().keySet()));
            return List.copyOf(names);
        }
    }

    /** A config loader that knows the core's sections and those of every plugin on the class path. */
    public ConfigLoader configLoader() {
        ConfigLoader loader = new ConfigLoader()
                .register(PROXY_SECTION, ProxyConfig.class)
                .register(CLIENT_SECTION, ClientConfig.class)
                .registerList(LINKS_SECTION, LinkConfig.class, java.util.Set.of(LINKS_AUTO))
                .register(LOGGING_SECTION, LoggingConfig.class)
                .register(METRICS_SECTION, MetricsConfig.class);
        for (BraidPlugin plugin : pluginLoader.all()) {
            for (Map.Entry<String, Class<?>> section : plugin.configSections().entrySet()) {
                loader.register(section.getKey(), section.getValue());
            }
        }
        return loader;
    }

    /**
     * @throws dev.braid.core.config.ConfigException listing every problem of the file
     * @throws PluginException when the file names an unknown plugin
     */
    public Loaded load(Path file, Role role) {
        ConfigDocument document = configLoader().load(file);
        return wire(document, role);
    }

    public Loaded wire(ConfigDocument document, Role role) {
        List<String> pluginNames = role == Role.PROXY
                ? document.section(PROXY_SECTION, ProxyConfig.class).getPlugins()
                : document.section(CLIENT_SECTION, ClientConfig.class).getPlugins();
        List<BraidPlugin> plugins = pluginLoader.select(pluginNames);
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(document, role));
        for (BraidPlugin plugin : plugins) {
            modules.add(plugin.module());
        }
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        PluginSet set = new PluginSet(
                injector.getInstance(Key.get(new TypeLiteral<Map<String, DataPathFactory>>() {})),
                sorted(injector.getInstance(Key.get(new TypeLiteral<Set<SessionExtensionFactory>>() {})),
                        Comparator.comparing(SessionExtensionFactory::name)),
                sorted(injector.getInstance(Key.get(new TypeLiteral<Set<NetworkHook>>() {})),
                        Comparator.comparing(NetworkHook::name)));
        log.info("data paths: {}; session extensions: {}; network hooks: {}", set.dataPaths().keySet(),
                set.extensions().stream().map(SessionExtensionFactory::name).toList(),
                set.networkHooks().stream().map(NetworkHook::name).toList());
        return new Loaded(document, role, plugins, set, injector);
    }

    private static <T> List<T> sorted(Set<T> set, Comparator<T> order) {
        return set.stream().sorted(order).toList();
    }

    /** Binds every config section's object and the core's own extension contributions. */
    private static final class CoreModule extends AbstractModule {
        private final ConfigDocument document;
        private final Role role;

        CoreModule(ConfigDocument document, Role role) {
            this.document = document;
            this.role = role;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected void configure() {
            bind(Role.class).toInstance(role);
            for (String name : document.sectionNames()) {
                if (name.equals(LINKS_SECTION)) {
                    continue;
                }
                Object section = document.value(name);
                bind((Class) section.getClass()).toInstance(section);
            }
            Extensions.dataPaths(binder()).addBinding(SingleLinkDataPath.NAME).to(SingleLinkDataPath.Factory.class);
            Extensions.sessionExtensions(binder());
            Extensions.networkHooks(binder());
            Extensions.configReloaders(binder());
        }
    }
}
