package dev.braid.core.login;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bounds-checked big-endian reader: every shortfall becomes a {@link MalformedLoginMessageException}. */
final class BodyReader {

    private final byte[] body;
    private final String message;
    private int position;

    BodyReader(byte[] body, String message) {
        this.body = body;
        this.message = message;
    }

    private void need(int count, String field) throws MalformedLoginMessageException {
        if (body.length - position < count) {
            throw new MalformedLoginMessageException(message + ": truncated at " + field + " (offset " + position
                    + ", need " + count + " bytes, have " + (body.length - position) + ")");
        }
    }

    int u8(String field) throws MalformedLoginMessageException {
        need(1, field);
        return body[position++] & 0xff;
    }

    int u16(String field) throws MalformedLoginMessageException {
        need(2, field);
        int value = ((body[position] & 0xff) << 8) | (body[position + 1] & 0xff);
        position += 2;
        return value;
    }

    int u32(String field) throws MalformedLoginMessageException {
        need(4, field);
        int value = ByteBuffer.wrap(body, position, 4).getInt();
        position += 4;
        return value;
    }

    byte[] bytes(int count, String field) throws MalformedLoginMessageException {
        need(count, field);
        byte[] out = new byte[count];
        System.arraycopy(body, position, out, 0, count);
        position += count;
        return out;
    }

    /** A u8 length followed by that many bytes of strict UTF-8, length within [min, max]. */
    String string(int min, int max, String field) throws MalformedLoginMessageException {
        int length = u8(field + " length");
        if (length < min || length > max) {
            throw new MalformedLoginMessageException(message + ": " + field + " length " + length
                    + " outside " + min + ".." + max);
        }
        byte[] raw = bytes(length, field);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLoginMessageException(message + ": " + field + " is not valid UTF-8");
        }
    }

    int remaining() {
        return body.length - position;
    }

    void end() throws MalformedLoginMessageException {
        if (position != body.length) {
            throw new MalformedLoginMessageException(message + ": " + (body.length - position) + " trailing bytes");
        }
    }
}
