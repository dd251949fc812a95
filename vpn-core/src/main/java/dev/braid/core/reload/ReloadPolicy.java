package dev.braid.core.reload;

import dev.braid.core.spi.ConfigReloader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which config keys a running client or proxy can take without a restart. Any other changed key
 * refuses the whole reload, so the running state is never half old and half new.
 */
public final class ReloadPolicy {
    /** Keys applied at run time; everything else is fixed at start (sockets, TUN, plugins, wiring). */
    public static final Set<String> RELOADABLE = Set.of("logging.level");

    private ReloadPolicy() {}

    /** The operator's sentence when {@code changedKeys} holds a key that cannot change; empty when all may. */
    public static Optional<String> refusal(List<String> changedKeys, String role) {
        return refusal(changedKeys, role, List.of());
    }

    /** As {@link #refusal(List, String)}, with the keys the loaded plugins reload too. */
    public static Optional<String> refusal(List<String> changedKeys, String role, List<ConfigReloader> plugins) {
        List<String> fixed = changedKeys.stream().filter(key -> !RELOADABLE.contains(key)
                && plugins.stream().noneMatch(plugin -> plugin.keys().contains(key))).toList();
        if (fixed.isEmpty()) {
            return Optional.empty();
        }
        List<String> reloadable = new ArrayList<>(RELOADABLE.stream().sorted().toList());
        plugins.forEach(plugin -> reloadable.add(plugin.what()));
        return Optional.of(String.join(", ", fixed) + " cannot"
                + " change at run time (restart braid " + role + " to apply "
                + (fixed.size() == 1 ? "it" : "them") + "; only " + String.join(", ", reloadable)
                + " and the users file reload)");
    }
}
