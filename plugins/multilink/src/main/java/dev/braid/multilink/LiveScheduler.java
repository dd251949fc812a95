package dev.braid.multilink;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The scheduler every session should use now: set at start from the config, replaced by a
 * reload; each session's data path reads it at its next packet and switches (a volatile read, no
 * lock on the data path).
 */
@Singleton
public final class LiveScheduler {
    private volatile String name;

    @Inject
    public LiveScheduler(MultilinkConfig config) {
        this.name = config.getScheduler();
    }

    public String name() {
        return name;
    }

    void set(String name) {
        this.name = name;
    }
}
