package dev.braid.core.session;

import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;

/**
 * Packet protection of one established session, both directions: counters, key epochs, AEAD and
 * the replay windows. Implementations live next to the ciphers; the session only calls these.
 */
public interface SessionCrypto {

    /** Bytes a sealed datagram adds after the body (the AEAD tag), at most. */
    int maxOverhead();

    /**
     * The header for the next datagram of {@code type} on {@code linkId}: assigns the link's next
     * counter and the current key epoch, and marks whether the body will be encrypted.
     */
    BraidHeader nextHeader(MessageType type, int linkId, int sessionId);

    /**
     * Protects the body in place and appends the tag. {@code datagram} holds the encoded header
     * at index 0 and the body after it. Does not take ownership.
     */
    void seal(BraidHeader header, ByteBuf datagram);

    /**
     * Authenticates (and decrypts) the body in place, removes the tag and checks for replay.
     * {@code datagram}'s reader index is at the body; the header is at index 0. Does not take
     * ownership.
     *
     * @return null when the datagram is good, else why it must be dropped
     */
    DropReason open(BraidHeader header, ByteBuf datagram);
}
