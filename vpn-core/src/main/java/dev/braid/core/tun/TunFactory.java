package dev.braid.core.tun;

/**
 * Creates and configures a tunnel end's TUN. The kernel implementation needs CAP_NET_ADMIN;
 * the in-memory one serves tests and the no-root demo. Blocking: never call on an event loop.
 */
public interface TunFactory {

    /**
     * @return a configured, up device; closing it removes the device and what was set up for it
     * @throws TunException or {@link dev.braid.core.net.NetConfigException} with an operator message
     */
    TunDevice create(TunSpec spec);

    /**
     * Fails now if {@code name} could not be created later because a live process holds it (the
     * client creates its TUN only after logging in, and checks first). Nothing by default.
     *
     * @throws TunException naming the process that holds the device
     */
    default void requireFree(String name) {}
}
