package dev.braid.natprobe;

import dev.braid.core.spi.Role;
import dev.braid.natprobe.protocol.ProbeSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * The probe settings every session of this process reads, per role; a reload swaps them in whole
 * (one volatile write of immutable settings), and each link uses them from its next step on.
 */
@Singleton
public final class LiveProbeSettings {
    private volatile NatProbeConfig config;
    private volatile ProbeSettings client;
    private volatile ProbeSettings proxy;

    /** @throws IllegalArgumentException listing every problem of {@code config} */
    @Inject
    public LiveProbeSettings(NatProbeConfig config) {
        set(config);
    }

    /** The config in force (what a reload compares against). */
    NatProbeConfig config() {
        return config;
    }

    /** @throws IllegalArgumentException listing every problem; nothing changes then */
    void set(NatProbeConfig next) {
        ProbeSettings nextClient = next.toSettings(Role.CLIENT);
        ProbeSettings nextProxy = next.toSettings(Role.PROXY);
        client = nextClient;
        proxy = nextProxy;
        config = next;
    }

    Supplier<ProbeSettings> of(Role role) {
        return role == Role.CLIENT ? () -> client : () -> proxy;
    }
}
