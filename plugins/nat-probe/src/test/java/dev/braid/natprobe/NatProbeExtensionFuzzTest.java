package dev.braid.natprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.core.testing.FuzzBytes;
import dev.braid.core.testing.LeakFailingExtension;
import dev.braid.core.testing.QuietLogger;
import dev.braid.natprobe.protocol.NatProbeCodec;
import dev.braid.natprobe.protocol.NatProbeCodecFuzzTest;
import dev.braid.natprobe.protocol.NatProbeControlType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz of the nat-probe extension's control handling at both ends: authenticated PROBE and
 * PROBE_REPLY bodies (valid with random fields, damaged, noise) on known and unknown links. It
 * never throws, never releases the body it is lent, and never answers with more bytes than came.
 */
class NatProbeExtensionFuzzTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 7000);

    record Message(int controlType, int linkId, byte[] body) {}

    @Property
    void anyControlBodyIsHandledOrCountedAndNeverAmplified(@ForAll Role role, @ForAll("messages") List<Message> messages) {
        FakeExtensionContext ctx = new FakeExtensionContext(role);
        NatProbeExtension extension = (NatProbeExtension) new NatProbeExtensionFactory(new NatProbeConfig()).create(ctx);
        FakeLink link = new FakeLink(1, "link1", PEER);
        ctx.links.add(link);
        extension.onLinkAdded(ctx.now, link);
        for (Message message : messages) {
            ctx.now += 7_000_000;
            extension.onTimer(ctx.now);
            int sentBefore = ctx.sent.size();
            ByteBuf body = Unpooled.wrappedBuffer(message.body());
            try {
                FakeLink on = message.linkId() == 1 ? link : new FakeLink(message.linkId(), "stranger", PEER);
                extension.onControl(ctx.now, on, message.controlType(), body);
                assertEquals(1, body.refCnt(), "the body is lent, not given");
            } finally {
                body.release();
            }
            for (FakeExtensionContext.Sent reply : ctx.sent.subList(sentBefore, ctx.sent.size())) {
                if (reply.controlType() == NatProbeControlType.PROBE_REPLY) {
                    assertTrue(reply.body().length <= message.body().length, "a reply no larger than its probe");
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Message>> messages() {
        Arbitrary<byte[]> probes = NatProbeCodecFuzzTest.probes().map(p -> {
            ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
            NatProbeCodec.encodeProbe(p, out);
            return out.array();
        });
        Arbitrary<byte[]> replies = NatProbeCodecFuzzTest.replies().map(r -> {
            ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.replyLength(r));
            NatProbeCodec.encodeReply(r, out);
            return out.array();
        });
        Arbitrary<Integer> linkId = Arbitraries.frequency(Tuple.of(8, 1), Tuple.of(1, 2));
        Arbitrary<Integer> otherType = Arbitraries.integers().between(0x20, 0xff);
        Arbitrary<Message> message = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(FuzzBytes.around(probes, 48), linkId)
                        .as((body, id) -> new Message(NatProbeControlType.PROBE, id, body))),
                Tuple.of(4, Combinators.combine(FuzzBytes.around(replies, 48), linkId)
                        .as((body, id) -> new Message(NatProbeControlType.PROBE_REPLY, id, body))),
                Tuple.of(1, Combinators.combine(otherType, linkId, FuzzBytes.around(Arbitraries.oneOf(probes, replies), 48))
                        .as(Message::new)));
        return message.list().ofMinSize(1).ofMaxSize(8);
    }

    private static QuietLogger quiet;

    @BeforeContainer
    static void quietAddressLogs() {
        quiet = new QuietLogger(NatProbeExtension.class); // every fuzzed reply "moves" the public address
    }

    @AfterContainer
    static void noByteBufLeaked() {
        quiet.close();
        LeakFailingExtension.assertNoLeaks(NatProbeExtensionFuzzTest.class.getSimpleName());
    }
}
