package dev.braid.snat;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.braid.core.spi.Extensions;

/** Binds the SNAT hook into the core's network hooks; commands run directly on the host. */
final class SnatModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Commands.class).toInstance(new ProcessCommands());
        bind(SnatNetworkHook.class).in(Scopes.SINGLETON);
        Extensions.networkHooks(binder()).addBinding().to(SnatNetworkHook.class);
    }
}
