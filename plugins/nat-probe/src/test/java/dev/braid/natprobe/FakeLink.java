package dev.braid.natprobe;

import dev.braid.core.spi.LinkCounters;
import dev.braid.core.spi.LinkHandle;
import java.net.InetSocketAddress;

/** A link with a settable remote and up flag, as {@link FakeExtensionContext} mutates them. */
final class FakeLink implements LinkHandle {
    private final int id;
    private final String name;
    private final LinkCounters counters = new LinkCounters();
    InetSocketAddress remote;
    boolean up = true;

    FakeLink(int id, String name, InetSocketAddress remote) {
        this.id = id;
        this.name = name;
        this.remote = remote;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public LinkCounters counters() {
        return counters;
    }
}
