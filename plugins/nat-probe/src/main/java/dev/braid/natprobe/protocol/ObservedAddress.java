package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A link's public address as the peer sees it (from probe replies); a change means NAT rebinding. */
public final class ObservedAddress {
    private InetSocketAddress current;

    /**
     * @return the previous address when {@code observed} differs from it (a rebinding), null when
     *         it is the first observation or unchanged
     */
    public InetSocketAddress update(InetSocketAddress observed) {
        Objects.requireNonNull(observed, "observed");
        InetSocketAddress previous = current;
        current = observed;
        return previous != null && !previous.equals(observed) ? previous : null;
    }

    /** The latest observed address, or null before the first reply. */
    public InetSocketAddress current() {
        return current;
    }
}
