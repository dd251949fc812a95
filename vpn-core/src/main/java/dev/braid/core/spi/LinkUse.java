package dev.braid.core.spi;

import dev.braid.core.config.DataRate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a session may use one link: its tier and a rate it must not exceed (0: no cap). The client
 * sets it from the link's config (a link at its data cap is lowered to backup) and tells the proxy
 * in the link's JOIN, so both ends send by the same rules.
 */
public record LinkUse(LinkPriority priority, long maxRateBitsPerSecond) {
    public static final LinkUse DEFAULT = new LinkUse(LinkPriority.PRIMARY, 0);

    public LinkUse {
        Objects.requireNonNull(priority, "priority");
        if (maxRateBitsPerSecond < 0) {
            throw new IllegalArgumentException("max rate must not be negative: " + maxRateBitsPerSecond);
        }
    }

    public LinkUse withPriority(LinkPriority priority) {
        return new LinkUse(priority, maxRateBitsPerSecond);
    }

    /** "backup", or "primary, at most 20mbit" with a cap. */
    public String describe() {
        String tier = priority.name().toLowerCase(Locale.ROOT);
        return maxRateBitsPerSecond == 0 ? tier : tier + ", at most " + DataRate.ofBitsPerSecond(maxRateBitsPerSecond);
    }

    /** The best tier among the links that are up, or null when none is. */
    public static LinkPriority bestUpTier(List<? extends LinkHandle> links) {
        LinkPriority best = null;
        for (LinkHandle link : links) {
            if (link.isUp() && (best == null || link.use().priority().compareTo(best) < 0)) {
                best = link.use().priority();
            }
        }
        return best;
    }

    /** Whether {@code link} carries data now: it is up and of the best tier that is up. */
    public static boolean carries(LinkHandle link, List<? extends LinkHandle> links) {
        return link.isUp() && link.use().priority() == bestUpTier(links);
    }
}
