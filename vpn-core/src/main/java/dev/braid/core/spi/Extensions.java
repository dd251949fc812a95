package dev.braid.core.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;

/**
 * The core's extension points. A plugin's module adds to them; the core reads them. Data paths are
 * chosen by name; extensions and network hooks all run.
 */
public final class Extensions {
    private Extensions() {}

    /** Data paths by {@link DataPathFactory#name()}. */
    public static MapBinder<String, DataPathFactory> dataPaths(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DataPathFactory.class);
    }

    public static Multibinder<SessionExtensionFactory> sessionExtensions(Binder binder) {
        return Multibinder.newSetBinder(binder, SessionExtensionFactory.class);
    }

    public static Multibinder<NetworkHook> networkHooks(Binder binder) {
        return Multibinder.newSetBinder(binder, NetworkHook.class);
    }

    /** Config keys a plugin applies at reload; see {@link ConfigReloader}. */
    public static Multibinder<ConfigReloader> configReloaders(Binder binder) {
        return Multibinder.newSetBinder(binder, ConfigReloader.class);
    }
}
