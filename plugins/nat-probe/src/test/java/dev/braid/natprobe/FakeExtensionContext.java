package dev.braid.natprobe;

import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.Role;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The core as the extension sees it, recording what it is asked to do. Sends copy the body out,
 * release it (the context owns it) and count the datagram on the link like the core does.
 */
final class FakeExtensionContext implements ExtensionContext {
    record Sent(int linkId, InetSocketAddress to, int controlType, byte[] body) {}

    record LinkUp(int linkId, boolean up, long atNanos) {}


    private final Role role;
    final List<FakeLink> links = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final List<LinkUp> linkUps = new ArrayList<>();
    final List<DropReason> drops = new ArrayList<>();
    long now;

    FakeExtensionContext(Role role) {
        this.role = role;
    }

    @Override
    public int sessionId() {
        return 7;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public List<LinkHandle> links() {
        return List.copyOf(links);
    }

    @Override
    public Clock clock() {
        return () -> now;
    }

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public void sendData(LinkHandle link, ByteBuf payload) {
        payload.release();
        throw new AssertionError("the extension sends no data");
    }

    @Override
    public void sendControl(LinkHandle link, int controlType, ByteBuf body) {
        record(link, link.remoteAddress(), controlType, body);
    }

    @Override
    public void sendControlTo(LinkHandle link, InetSocketAddress address, int controlType, ByteBuf body) {
        record(link, address, controlType, body);
    }

    private void record(LinkHandle link, InetSocketAddress to, int controlType, ByteBuf body) {
        try {
            byte[] bytes = ByteBufUtil.getBytes(body);
            sent.add(new Sent(link.id(), to, controlType, bytes));
            link.counters().sent(bytes.length + 1);
        } finally {
            body.release();
        }
    }

    @Override
    public void deliverToTun(ByteBuf packet) {
        packet.release();
        throw new AssertionError("the extension delivers nothing to the TUN");
    }

    @Override
    public void countDrop(DropReason reason) {
        drops.add(reason);
    }

    @Override
    public void setLinkUp(LinkHandle link, boolean up) {
        FakeLink fake = (FakeLink) link;
        if (fake.up != up) {
            fake.up = up;
            linkUps.add(new LinkUp(link.id(), up, now));
        }
    }

    List<Sent> sentOfType(int controlType) {
        return sent.stream().filter(s -> s.controlType() == controlType).toList();
    }
}
