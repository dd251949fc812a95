package dev.braid.core.testing;

import dev.braid.core.session.Link;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionCrypto;
import dev.braid.core.session.SessionIdentity;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.MalformedPacketException;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A real proxy-side {@link Session} behind an embedded channel, in virtual time, for fuzzing its
 * receive path without sockets: {@link #deliver} does with a datagram what the proxy's receive
 * handler does (header, session id, known or new link). {@link #close} fails if the session kept
 * a reference to any datagram it was given; what it sent and delivered to the TUN is released.
 */
public final class SessionFuzzRig implements AutoCloseable {
    public static final int SESSION_ID = 0x01020304;
    public static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.5", 50000);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final DropCounters drops = new DropCounters();
    private final List<ByteBuf> given = new ArrayList<>();
    private final Session session;
    private long now = 1_000_000_000L;
    private long tunPackets;

    public SessionFuzzRig(SessionCrypto crypto, DataPathFactory dataPath, List<SessionExtensionFactory> extensions) {
        session = new Session(new SessionIdentity(SESSION_ID, Role.PROXY, "alice", 0x0a000002), crypto,
                channel.eventLoop(), () -> now, UnpooledByteBufAllocator.DEFAULT, packet -> {
                    tunPackets++;
                    packet.release();
                }, drops, s -> { });
        session.start(dataPath, extensions);
        session.addLink(1, "a", channel, CLIENT); // the login's link, proven by its cookie
    }

    public Session session() {
        return session;
    }

    public long now() {
        return now;
    }

    /** Packets the session wrote to its TUN (released there). */
    public long tunPackets() {
        return tunPackets;
    }

    public DropCounters drops() {
        return drops;
    }

    /** Moves virtual time, runs due timers and releases what the session sent meanwhile. */
    public void advance(long nanos) {
        now += nanos;
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        channel.releaseOutbound();
    }

    /** @return whether the datagram reached the session and authenticated */
    public boolean deliver(byte[] wire, InetSocketAddress sender) {
        ByteBuf datagram = UnpooledByteBufAllocator.DEFAULT.heapBuffer(wire.length);
        datagram.writeBytes(wire);
        given.removeIf(earlier -> earlier.refCnt() == 0);
        given.add(datagram);
        BraidHeader header;
        try {
            header = BraidHeader.readFrom(datagram);
        } catch (MalformedPacketException e) {
            drops.count(e.reason());
            datagram.release();
            return false;
        }
        if (header.sessionId() != SESSION_ID || header.type().isHandshake()
                || header.type() == MessageType.UNKNOWN_SESSION) {
            datagram.release();
            return false;
        }
        Link link = session.link(header.linkId());
        boolean authentic = link == null
                ? session.onDatagramFromNewLink(header, channel, datagram, sender) != null
                : session.onDatagram(header, link, datagram, sender);
        channel.releaseOutbound();
        return authentic;
    }

    @Override
    public void close() {
        session.close(false);
        advance(0);
        channel.finishAndReleaseAll();
        for (ByteBuf datagram : given) {
            if (datagram.refCnt() != 0) {
                throw new AssertionError("the session kept a datagram (refCnt " + datagram.refCnt() + ")");
            }
        }
    }

    /**
     * One rig for many tries, since a fresh session with its data path costs more than the tries
     * it serves: a new one after {@code triesPerSession} tries or when the session closed, so
     * the fuzz sees young and old sessions. Closing it checks the last rig.
     */
    public static final class Reused implements AutoCloseable {
        private final Supplier<SessionFuzzRig> factory;
        private final int triesPerSession;
        private SessionFuzzRig current;
        private int tries;

        public Reused(Supplier<SessionFuzzRig> factory, int triesPerSession) {
            this.factory = factory;
            this.triesPerSession = triesPerSession;
        }

        /** The rig for the next try. */
        public SessionFuzzRig next() {
            if (current == null || current.session.isClosed() || ++tries % triesPerSession == 0) {
                close();
                current = factory.get();
            }
            return current;
        }

        @Override
        public void close() {
            if (current != null) {
                SessionFuzzRig last = current;
                current = null;
                last.close();
            }
        }
    }
}
