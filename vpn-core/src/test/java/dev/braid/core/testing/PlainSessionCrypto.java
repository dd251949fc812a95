package dev.braid.core.testing;

import dev.braid.core.session.SessionCrypto;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;

/** Authenticates everything, encrypts nothing: for tests of sessions, not of AEAD. */
public final class PlainSessionCrypto implements SessionCrypto {
    private long counter;

    @Override
    public int maxOverhead() {
        return 0;
    }

    @Override
    public BraidHeader nextHeader(MessageType type, int linkId, int sessionId) {
        return new BraidHeader(type, linkId, 0, sessionId, counter++);
    }

    @Override
    public void seal(BraidHeader header, ByteBuf datagram) {
    }

    @Override
    public DropReason open(BraidHeader header, ByteBuf datagram) {
        return null;
    }
}
