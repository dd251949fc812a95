package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.natprobe.protocol.NatProbeControlType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Set;

/** One {@link NatProbeExtension} per session. */
@Singleton
public final class NatProbeExtensionFactory implements SessionExtensionFactory {
    private final LiveProbeSettings settings;

    @Inject
    public NatProbeExtensionFactory(LiveProbeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Without reloads: the settings stay the config's. */
    public NatProbeExtensionFactory(NatProbeConfig config) {
        this(new LiveProbeSettings(config)); // fails fast, listing every problem
    }

    @Override
    public String name() {
        return NatProbePlugin.NAME;
    }

    @Override
    public Set<Integer> controlTypes() {
        return NatProbeControlType.ALL;
    }

    @Override
    public SessionExtension create(ExtensionContext session) {
        Role role = session.role();
        // proxy-liveness is fixed at start (the reloader does not claim it): read it from the config in force.
        return new NatProbeExtension(session, settings.of(role), settings.config().livenessFor(role));
    }
}
