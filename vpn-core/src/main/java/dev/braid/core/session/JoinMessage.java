package dev.braid.core.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Body of a JOIN control message: the link's name (UTF-8, at most {@value #MAX_NAME} bytes). */
public final class JoinMessage {
    public static final int MAX_NAME = 32;

    private JoinMessage() {}

    /** Writes the name, cut to {@value #MAX_NAME} bytes. Does not take ownership of {@code out}. */
    public static void writeName(ByteBuf out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes, 0, Math.min(bytes.length, MAX_NAME));
    }

    /** Reads the rest of the body as the name; a malformed name is replaced, never thrown. */
    public static String readName(ByteBuf body) {
        int length = Math.min(body.readableBytes(), MAX_NAME);
        String name = body.readCharSequence(length, StandardCharsets.UTF_8).toString().replaceAll("[^\\p{Alnum}._:-]", "?");
        return name.isEmpty() ? "unnamed" : name;
    }
}
