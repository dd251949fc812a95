package dev.braid.natprobe;

import com.google.inject.AbstractModule;
import dev.braid.core.spi.Extensions;

/** Adds the nat-probe session extension and its reloader; {@link NatProbeConfig} is bound by the core. */
final class NatProbeModule extends AbstractModule {
    @Override
    protected void configure() {
        Extensions.sessionExtensions(binder()).addBinding().to(NatProbeExtensionFactory.class);
        Extensions.configReloaders(binder()).addBinding().to(NatProbeReloader.class);
    }
}
