package dev.braid.multilink.adapter;

import dev.braid.core.session.Session;
import dev.braid.core.testing.FuzzBytes;
import dev.braid.core.testing.LeakFailingExtension;
import dev.braid.core.testing.PlainSessionCrypto;
import dev.braid.core.testing.QuietLogger;
import dev.braid.core.testing.SessionFuzzRig;
import dev.braid.core.testing.TestIpPackets;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.MessageType;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.protocol.AckMessage;
import dev.braid.multilink.protocol.DataHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz of multilink's receive side as the peer reaches it: a real proxy session with the
 * multilink data path gets DATA (16-byte header with random sequence numbers, timestamps and
 * flow fields, then an inner packet or noise) and acks (valid vectors with random numbers,
 * damaged, or noise) on known and new links, between packets of its own from the TUN, so acks
 * meet packets in flight. Nothing throws, every datagram and packet is released (the rig checks
 * reference counts; paranoid leak detection runs too).
 */
class MultilinkSessionFuzzTest {
    private static final int CLIENT_IP = 0x0a000002;
    private static final int SERVER_IP = 0x0a000001;

    /** One step: a datagram from the client (raw bytes after the header), or a packet from the TUN. */
    record Step(MessageType type, int linkId, byte[] body, boolean fromTun) {}

    @Property
    void theMultilinkDataPathSurvivesAnyDataAndAck(@ForAll("steps") List<Step> steps) {
        SessionFuzzRig rig = rigs.next();
        if (rig != peer) { // a fresh session: the peer's sequence numbers start again
            peer = rig;
            peerSeq = 0;
        }
        long tunBefore = rig.tunPackets();
        long dropsBefore = rig.drops().total();
        for (Step step : steps) {
            rig.advance(3_000_000);
            if (step.fromTun()) {
                rig.session().onTunPacket(TestIpPackets.udp(SERVER_IP, CLIENT_IP, step.body()));
                continue;
            }
            ByteBuf wire = Unpooled.buffer();
            new BraidHeader(step.type(), step.linkId(), 0, SessionFuzzRig.SESSION_ID, 0).writeTo(wire);
            wire.writeBytes(step.body());
            if (step.type() == MessageType.DATA && step.body().length >= 8) {
                // The generated sequence numbers are offsets from the peer's running count, so
                // most packets are near the next expected one: in order, reordered, lost or duplicated.
                int at = BraidHeader.LENGTH;
                wire.setInt(at, wire.getInt(at) + peerSeq);
                wire.setInt(at + 4, wire.getInt(at + 4) + peerSeq);
                peerSeq++;
            }
            byte[] bytes = ByteBufUtil.getBytes(wire);
            wire.release();
            rig.deliver(bytes, SessionFuzzRig.CLIENT);
        }
        Statistics.label("packets to the TUN").collect(Math.min(rig.tunPackets() - tunBefore, 3));
        Statistics.label("drops").collect(Math.min(rig.drops().total() - dropsBefore, 3));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<byte[]> inner = Arbitraries.oneOf(FuzzBytes.noise(60), FuzzBytes.noise(40).map(payload -> {
            ByteBuf packet = TestIpPackets.udp(CLIENT_IP, SERVER_IP, payload);
            byte[] bytes = ByteBufUtil.getBytes(packet);
            packet.release();
            return bytes;
        }));
        // Offsets from the peer's running sequence number: mostly near it, sometimes anywhere.
        Arbitrary<Integer> seq = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(-3, 3)),
                Tuple.of(1, Arbitraries.integers()));
        Arbitrary<byte[]> data = Combinators.combine(seq, seq, Arbitraries.integers(),
                        Arbitraries.integers().between(0, DataHeader.MAX_FLOW_DELTA), Arbitraries.integers().between(0, 3),
                        inner)
                .as((global, link, tx, delta, flags, packet) -> {
                    ByteBuffer out = ByteBuffer.allocate(DataHeader.SIZE + packet.length);
                    new DataHeader(global, link, tx, delta, flags).encode(out);
                    return out.put(packet).array();
                });
        Arbitrary<byte[]> ack = Combinators.combine(seq, Arbitraries.integers(), Arbitraries.integers().between(0, 100_000),
                        seq, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(9))
                .as((number, echo, delay, highest, vector) -> {
                    vector[0] &= AckMessage.MAX_RUN_LENGTH; // received
                    for (int i = 1; i < vector.length; i++) {
                        if ((vector[i] & 0xC0) == 0x80) {
                            vector[i] ^= 0x40; // not the reserved state
                        }
                    }
                    AckMessage message = new AckMessage(number, echo, delay, highest, vector);
                    ByteBuffer out = ByteBuffer.allocate(1 + message.encodedSize()).put((byte) MultilinkDataPathFactory.ACK);
                    message.encode(out);
                    return out.array();
                });
        Arbitrary<Integer> link = Arbitraries.frequency(Tuple.of(6, 1), Tuple.of(2, 2), Tuple.of(1, 7));
        Arbitrary<Step> fromPeer = Arbitraries.frequencyOf(
                Tuple.of(1, Combinators.combine(FuzzBytes.around(data, 40), link)
                        .as((body, id) -> new Step(MessageType.DATA, id, body, false))),
                Tuple.of(1, Combinators.combine(FuzzBytes.around(ack, 40), link)
                        .as((body, id) -> new Step(MessageType.CONTROL, id, body, false))));
        Arbitrary<Step> fromTun = FuzzBytes.noise(40).map(payload -> new Step(MessageType.DATA, 1, payload, true));
        return Arbitraries.frequencyOf(Tuple.of(3, fromPeer), Tuple.of(1, fromTun)).list().ofMinSize(1).ofMaxSize(10);
    }

    private static QuietLogger quiet;
    private static SessionFuzzRig.Reused rigs;
    private static SessionFuzzRig peer;
    private static int peerSeq;

    @BeforeContainer
    static void start() {
        quiet = new QuietLogger(Session.class);
        rigs = new SessionFuzzRig.Reused(() -> new SessionFuzzRig(new PlainSessionCrypto(),
                new MultilinkDataPathFactory(new MultilinkConfig()), List.of()), 50);
    }

    @AfterContainer
    static void noByteBufLeaked() {
        rigs.close();
        quiet.close();
        LeakFailingExtension.assertNoLeaks(MultilinkSessionFuzzTest.class.getSimpleName());
    }
}
