package dev.braid.core.reload;

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
        List<String> fixed = changedKeys.stream().filter(key -> !RELOADABLE.contains(key)).toList();
        if (fixed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", fixed) + " cannot"
                + " change at run time (restart braid " + role + " to apply "
                + (fixed.size() == 1 ? "it" : "them") + "; only " + String.join(", ", RELOADABLE.stream().sorted().toList())
                + " and the users file reload)");
    }
}
