package dev.braid.core.tun;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands out {@link InMemoryTun}s and lets the test or demo that owns this factory pick up each
 * one it created (the client creates its TUN only after login, on its own thread).
 */
public final class InMemoryTunFactory implements TunFactory {
    private final BlockingQueue<InMemoryTun> created = new LinkedBlockingQueue<>();

    @Override
    public TunDevice create(TunSpec spec) {
        InMemoryTun tun = new InMemoryTun(spec.name(), spec.mtu());
        created.add(tun);
        return tun;
    }

    /** The next device created, waiting up to {@code timeout}; null if none came. */
    public InMemoryTun awaitCreated(long timeout, TimeUnit unit) throws InterruptedException {
        return created.poll(timeout, unit);
    }
}
