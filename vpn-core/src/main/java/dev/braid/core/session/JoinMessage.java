package dev.braid.core.session;

import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Body of a JOIN control message: the link's name (UTF-8, at most {@value #MAX_NAME} bytes), then
 * a zero byte and the link's use: priority code (u8) and max rate in bits per second (u64, 0: no
 * cap). A body of a name alone (as older clients send) means the default use.
 */
public final class JoinMessage {
    public static final int MAX_NAME = 32;
    /** Zero byte, priority, max rate. */
    static final int USE_BYTES = 1 + 1 + 8;

    /** What a JOIN says. */
    public record Join(String name, LinkUse use) {}

    private JoinMessage() {}

    /** Writes the name, cut to {@value #MAX_NAME} bytes, and the use. Does not take ownership of {@code out}. */
    public static void write(ByteBuf out, String name, LinkUse use) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int length = 0;
        while (length < Math.min(bytes.length, MAX_NAME) && bytes[length] != 0) {
            length++;
        }
        out.writeBytes(bytes, 0, length);
        out.writeByte(0).writeByte(use.priority().code()).writeLong(use.maxRateBitsPerSecond());
    }

    /**
     * Reads the rest of the body; a name with odd characters is repaired, never thrown.
     * @return the JOIN, or null when the use part is malformed (wrong length, unknown priority, negative rate)
     */
    public static Join read(ByteBuf body) {
        int nul = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        int end = nul < 0 ? body.writerIndex() : nul;
        String name = name(body, end - body.readerIndex());
        if (nul < 0) {
            return new Join(name, LinkUse.DEFAULT);
        }
        body.readerIndex(nul + 1);
        if (body.readableBytes() != USE_BYTES - 1) {
            return null;
        }
        int code = body.readUnsignedByte();
        long maxRate = body.readLong();
        if (code >= LinkPriority.values().length || maxRate < 0) {
            return null;
        }
        return new Join(name, new LinkUse(LinkPriority.ofCode(code), maxRate));
    }

    private static String name(ByteBuf body, int available) {
        int length = Math.min(available, MAX_NAME);
        String name = body.readCharSequence(length, StandardCharsets.UTF_8).toString().replaceAll("[^\\p{Alnum}._:-]", "?");
        return name.isEmpty() ? "unnamed" : name;
    }
}
