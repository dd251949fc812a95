package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.natprobe.protocol.NatProbeControlType;
import dev.braid.natprobe.protocol.ProbeSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One {@link NatProbeExtension} per session. Validates paths, so the core does not follow senders. */
@Singleton
public final class NatProbeExtensionFactory implements SessionExtensionFactory {
    private final NatProbeConfig config;
    private final ProbeSettings clientSettings;
    private final ProbeSettings proxySettings;
    private final RandomGenerator random;

    @Inject
    public NatProbeExtensionFactory(NatProbeConfig config) {
        this(config, new SecureRandom());
    }

    /** @param random source of path challenge tokens; must be unpredictable in production */
    public NatProbeExtensionFactory(NatProbeConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientSettings = config.toSettings(Role.CLIENT); // fails fast, listing every problem
        this.proxySettings = config.toSettings(Role.PROXY);
        this.random = Objects.requireNonNull(random, "random");
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
    public boolean validatesPaths() {
        return true;
    }

    @Override
    public SessionExtension create(ExtensionContext session) {
        Role role = session.role();
        return new NatProbeExtension(session, role == Role.CLIENT ? clientSettings : proxySettings,
                config.livenessFor(role), random);
    }
}
