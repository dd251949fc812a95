package dev.braid.core.session;

import dev.braid.core.spi.DataPath;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.SessionContext;
import dev.braid.core.wire.DropReason;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The core's data path without the multilink plugin: every packet goes out on the first link
 * that is up, of the best tier that is up (the newest joined link takes over when the first one is
 * down; {@code max-rate} is not applied: it needs the multilink data path), and every received
 * payload goes straight to the TUN. This is Braid as a plain single-link VPN.
 */
public final class SingleLinkDataPath implements DataPath {
    public static final String NAME = "single";

    private final SessionContext session;

    public SingleLinkDataPath(SessionContext session) {
        this.session = session;
    }

    @Override
    public void onTunPacket(long nowNanos, ByteBuf packet) {
        LinkHandle link = firstUpLink();
        if (link == null) {
            packet.release();
            session.countDrop(DropReason.NO_LINK);
            return;
        }
        session.sendData(link, packet);
    }

    @Override
    public void onLinkData(long nowNanos, LinkHandle link, ByteBuf payload) {
        session.deliverToTun(payload);
    }

    private LinkHandle firstUpLink() {
        LinkHandle fallback = null;
        List<LinkHandle> links = session.links();
        LinkPriority best = LinkUse.bestUpTier(links);
        for (LinkHandle link : links) {
            if (link.isUp() && link.use().priority() == best) {
                return link;
            }
            fallback = link;
        }
        // With every link marked down, still try one: a probe answer may be on its way.
        return fallback;
    }

    /** Registers the single-link path under {@value #NAME}. */
    public static final class Factory implements DataPathFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public DataPath create(SessionContext session) {
            return new SingleLinkDataPath(session);
        }
    }
}
