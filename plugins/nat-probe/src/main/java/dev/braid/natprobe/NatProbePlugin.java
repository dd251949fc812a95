package dev.braid.natprobe;

import com.google.inject.Module;
import dev.braid.core.spi.BraidPlugin;
import java.util.Map;

/**
 * NAT keepalive probes, link liveness and proxy-side path validation. Enabled by listing
 * {@code nat-probe} under {@code plugins:}; tuned in the {@code nat-probe:} section.
 */
public final class NatProbePlugin implements BraidPlugin {
    public static final String NAME = "nat-probe";
    public static final String CONFIG_SECTION = "nat-probe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Module module() {
        return new NatProbeModule();
    }

    @Override
    public Map<String, Class<?>> configSections() {
        return Map.of(CONFIG_SECTION, NatProbeConfig.class);
    }
}
