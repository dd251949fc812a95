package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.natprobe.protocol.NatProbeControlType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One {@link NatProbeExtension} per session. Validates paths, so the core does not follow senders. */
@Singleton
public final class NatProbeExtensionFactory implements SessionExtensionFactory {
    private final LiveProbeSettings settings;
    private final RandomGenerator random;

    @Inject
    public NatProbeExtensionFactory(LiveProbeSettings settings) {
        this(settings, new SecureRandom());
    }

    /** @param random source of path challenge tokens; must be unpredictable in production */
    public NatProbeExtensionFactory(NatProbeConfig config, RandomGenerator random) {
        this(new LiveProbeSettings(config), random); // fails fast, listing every problem
    }

    private NatProbeExtensionFactory(LiveProbeSettings settings, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
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
        // proxy-liveness is fixed at start (the reloader does not claim it): read it from the config in force.
        return new NatProbeExtension(session, settings.of(role), settings.config().livenessFor(role), random);
    }
}
