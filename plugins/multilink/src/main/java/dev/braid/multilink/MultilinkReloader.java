package dev.braid.multilink;

import dev.braid.core.config.ConfigDocument;
import dev.braid.core.spi.ConfigReloader;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Set;

/**
 * multilink's scheduler applies at reload to every running session from its next packet. The
 * other multilink keys size per-session state (queues, windows, flow tables) when a session
 * starts and are refused at reload.
 */
@Singleton
final class MultilinkReloader implements ConfigReloader {
    private static final String SCHEDULER = MultilinkPlugin.NAME + ".scheduler";

    private final LiveScheduler live;

    @Inject
    MultilinkReloader(LiveScheduler live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public Set<String> keys() {
        return Set.of(SCHEDULER);
    }

    @Override
    public String what() {
        return "multilink's scheduler";
    }

    /** The loader validated the section already (an unknown scheduler is refused there). */
    @Override
    public String apply(ConfigDocument next) {
        String before = live.name();
        String after = next.section(MultilinkPlugin.NAME, MultilinkConfig.class).getScheduler();
        if (before.equals(after)) {
            return ""; // the same scheduler: sessions keep theirs, with its state
        }
        live.set(after);
        return SCHEDULER + " " + before + " -> " + after + " (each session from its next packet)";
    }
}
