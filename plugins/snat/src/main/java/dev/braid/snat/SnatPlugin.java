package dev.braid.snat;

import com.google.inject.Module;
import dev.braid.core.spi.BraidPlugin;
import java.util.Map;

/**
 * Proxy-side source NAT: client-pool traffic leaves the proxy with the proxy's own address
 * (the paper's "mapping"). Contributes one {@link SnatNetworkHook}; does nothing on the client.
 */
public final class SnatPlugin implements BraidPlugin {

    @Override
    public String name() {
        return "snat";
    }

    @Override
    public Module module() {
        return new SnatModule();
    }

    @Override
    public Map<String, Class<?>> configSections() {
        return Map.of("snat", SnatConfig.class);
    }
}
