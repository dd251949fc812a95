package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.natprobe.protocol.NatProbeControlType;
import dev.braid.natprobe.protocol.ProbeSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Set;

/** One {@link NatProbeExtension} per session. */
@Singleton
public final class NatProbeExtensionFactory implements SessionExtensionFactory {
    private final NatProbeConfig config;
    private final ProbeSettings clientSettings;
    private final ProbeSettings proxySettings;

    @Inject
    public NatProbeExtensionFactory(NatProbeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientSettings = config.toSettings(Role.CLIENT); // fails fast, listing every problem
        this.proxySettings = config.toSettings(Role.PROXY);
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
        return new NatProbeExtension(session, role == Role.CLIENT ? clientSettings : proxySettings,
                config.livenessFor(role));
    }
}
