package dev.braid.multilink;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.braid.core.spi.BraidPlugin;
import dev.braid.core.spi.Extensions;
import dev.braid.multilink.adapter.MultilinkDataPathFactory;
import java.util.Map;

/**
 * Bandwidth aggregation: the {@code multilink} data path stripes packets over every link by its
 * CCID2 window and resequences them at the receiver (the paper's sections III-B and III-C).
 */
public final class MultilinkPlugin implements BraidPlugin {
    public static final String NAME = "multilink";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Class<?>> configSections() {
        return Map.of(NAME, MultilinkConfig.class);
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Extensions.dataPaths(binder()).addBinding(MultilinkDataPathFactory.NAME).to(MultilinkDataPathFactory.class);
                Extensions.configReloaders(binder()).addBinding().to(MultilinkReloader.class);
            }
        };
    }
}
