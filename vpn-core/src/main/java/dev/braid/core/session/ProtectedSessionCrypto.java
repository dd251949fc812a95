package dev.braid.core.session;

import dev.braid.core.crypto.Aead;
import dev.braid.core.crypto.PacketProtector;
import dev.braid.core.crypto.ReceiveProtector;
import dev.braid.core.crypto.SendProtector;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;

/**
 * {@link SessionCrypto} over the crypto package's protectors. Every datagram is authenticated;
 * with an encrypting suite its body is also encrypted. Bodies are sealed and opened in place in
 * the datagram's heap array (the header at index 0 is the associated data).
 */
public final class ProtectedSessionCrypto implements SessionCrypto {
    private final SendProtector sender;
    private final ReceiveProtector receiver;
    private final Clock clock;
    private final int encryptedFlag;

    public ProtectedSessionCrypto(PacketProtector protector, Clock clock) {
        this.sender = protector.sender();
        this.receiver = protector.receiver();
        this.clock = clock;
        this.encryptedFlag = sender.suite().encrypts() ? BraidHeader.FLAG_ENCRYPTED : 0;
    }

    @Override
    public int maxOverhead() {
        return Aead.TAG_LENGTH;
    }

    @Override
    public BraidHeader nextHeader(MessageType type, int linkId, int sessionId) {
        long counter = sender.nextCounter(linkId, clock.nanos());
        return new BraidHeader(type, linkId, encryptedFlag | sender.epoch(), sessionId, counter);
    }

    @Override
    public void seal(BraidHeader header, ByteBuf datagram) {
        int bodyLength = datagram.writerIndex() - BraidHeader.LENGTH;
        datagram.ensureWritable(Aead.TAG_LENGTH);
        byte[] array = datagram.array();
        int base = datagram.arrayOffset();
        int written = sender.seal(header.linkId(), header.counter(), header.keyEpoch(), true,
                array, base, BraidHeader.LENGTH,
                array, base + BraidHeader.LENGTH, bodyLength,
                array, base + BraidHeader.LENGTH);
        datagram.writerIndex(BraidHeader.LENGTH + written);
    }

    /** Requires a heap buffer (the receive handlers copy datagrams out of direct memory once). */
    @Override
    public DropReason open(BraidHeader header, ByteBuf datagram) {
        if (header.encrypted() != (encryptedFlag != 0)) {
            return DropReason.BAD_HEADER;
        }
        byte[] array = datagram.array();
        int base = datagram.arrayOffset();
        int start = datagram.readerIndex();
        int length = receiver.open(header.linkId(), header.counter(), header.keyEpoch(), true,
                array, base + start - BraidHeader.LENGTH, BraidHeader.LENGTH,
                array, base + start, datagram.readableBytes(),
                array, base + start);
        if (length < 0) {
            return receiver.lastDropReason();
        }
        datagram.writerIndex(start + length);
        return null;
    }
}
