package dev.braid.core.spi;

/**
 * A link's tier: data goes over the up links of the best tier that has one, so a secondary link
 * waits for every primary link to be down, and a backup link for every primary and secondary one.
 * A waiting (standby) link sees only keepalives and probes.
 */
public enum LinkPriority {
    PRIMARY,
    SECONDARY,
    BACKUP;

    /** The wire code in a JOIN (0, 1, 2); other codes are malformed. */
    public int code() {
        return ordinal();
    }

    /** @throws IllegalArgumentException for a code {@link #code()} never writes */
    public static LinkPriority ofCode(int code) {
        LinkPriority[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown link priority code " + code);
        }
        return all[code];
    }
}
