package dev.braid.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.braid.core.testing.FuzzBytes;
import dev.braid.core.testing.LeakFailingExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzz of the 12-byte clear header every datagram starts with: any bytes either give a header
 * that re-encodes to the same 12 bytes, or a {@link MalformedPacketException} with a drop reason.
 */
class BraidHeaderFuzzTest {

    @Property
    void anyBytesGiveAHeaderOrACountedDrop(@ForAll("datagrams") byte[] datagram) {
        ByteBuf in = Unpooled.wrappedBuffer(datagram);
        try {
            FuzzBytes.assertBoundedAllocation(datagram.length, () -> {
                BraidHeader header;
                try {
                    header = BraidHeader.readFrom(in);
                } catch (MalformedPacketException e) {
                    assertNotNull(e.reason());
                    return;
                }
                assertEquals(BraidHeader.LENGTH, in.readerIndex());
                assertArrayEquals(Arrays.copyOf(datagram, BraidHeader.LENGTH), encode(header));
            });
        } finally {
            in.release();
        }
    }

    @Property
    void everyHeaderRoundTrips(@ForAll("headers") BraidHeader header) {
        BraidHeader read = decode(encode(header));
        assertEquals(new BraidHeader(header.type(), header.linkId(), header.flags(), header.sessionId(),
                header.counter() & 0xffff_ffffL), read, "the wire keeps the counter's low 32 bits");
        assertEquals(header.keyEpoch(), read.keyEpoch());
        assertEquals(header.encrypted(), read.encrypted());
    }

    @Provide
    Arbitrary<BraidHeader> headers() {
        return Combinators.combine(Arbitraries.of(MessageType.class), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers(), Arbitraries.longs().greaterOrEqual(0))
                .as(BraidHeader::new);
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> valid = Combinators.combine(headers(), FuzzBytes.noise(48))
                .as((header, body) -> {
                    byte[] head = encode(header);
                    byte[] out = Arrays.copyOf(head, head.length + body.length);
                    System.arraycopy(body, 0, out, head.length, body.length);
                    return out;
                });
        return FuzzBytes.around(valid, 40);
    }

    static byte[] encode(BraidHeader header) {
        ByteBuf out = Unpooled.buffer(BraidHeader.LENGTH);
        try {
            header.writeTo(out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static BraidHeader decode(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return BraidHeader.readFrom(in);
        } finally {
            in.release();
        }
    }

    @AfterContainer
    static void noByteBufLeaked() {
        LeakFailingExtension.assertNoLeaks(BraidHeaderFuzzTest.class.getSimpleName());
    }
}
