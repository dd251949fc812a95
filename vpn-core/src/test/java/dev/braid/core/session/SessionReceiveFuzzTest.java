package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.KeySchedule;
import dev.braid.core.crypto.PacketProtector;
import dev.braid.core.crypto.RekeyLimits;
import dev.braid.core.crypto.SessionKeys;
import dev.braid.core.testing.FuzzBytes;
import dev.braid.core.testing.LeakFailingExtension;
import dev.braid.core.testing.QuietLogger;
import dev.braid.core.testing.SessionFuzzRig;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.ControlType;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz of the proxy session's receive path without sockets: a real {@link Session} with real
 * packet protection behind an embedded channel gets datagrams sealed by the client's keys (core
 * control messages and data with random bodies), damaged copies of them and noise, dispatched as
 * the proxy does ({@link SessionFuzzRig}). Nothing throws, no damaged datagram authenticates, and every buffer is released.
 */
class SessionReceiveFuzzTest {
    private static final InetSocketAddress OTHER_ADDRESS = new InetSocketAddress("127.0.0.6", 50001);
    private static final SessionKeys KEYS = KeySchedule.derive(filled(32, 1), filled(384, 2), filled(384, 3),
            filled(16, 4), filled(16, 5));
    private static final int[] CORE_CONTROLS = {ControlType.JOIN, ControlType.JOIN_ACK, ControlType.CLOSE,
            ControlType.KEEPALIVE, ControlType.LEAVE, ControlType.PATH_CHALLENGE, ControlType.PATH_RESPONSE};

    /** A datagram as the client would seal it: type, link, body; {@code damage} (or null) spoils it after sealing. */
    record Sealed(MessageType type, int linkId, byte[] body, UnaryOperator<byte[]> damage, boolean fromB) {}

    /** Either a sealed datagram or raw bytes from anyone. */
    record Input(Sealed sealed, byte[] raw) {}

    @Property
    void theProxySessionSurvivesAnyDatagramAndReleasesIt(@ForAll("inputs") List<Input> inputs) {
        SessionFuzzRig rig = rigs.next();
        for (Input input : inputs) {
            rig.advance(1_000_000);
            if (input.sealed() == null) {
                rig.deliver(input.raw(), SessionFuzzRig.CLIENT);
                continue;
            }
            Sealed s = input.sealed();
            byte[] intact = seal(client, s);
            byte[] wire = s.damage() == null ? intact : s.damage().apply(intact);
            boolean authentic = rig.deliver(wire, s.fromB() ? OTHER_ADDRESS : SessionFuzzRig.CLIENT);
            Statistics.label("sealed datagrams").collect(authentic ? "authentic" : "refused");
            if (!Arrays.equals(wire, intact)) {
                assertFalse(authentic, "a damaged datagram authenticated");
            }
        }
    }

    /** A proxy session and the client's half of its keys; every new pair takes the next cipher suite. */
    private static SessionFuzzRig newSession() {
        CipherSuite suite = CipherSuite.values()[sessions++ % CipherSuite.values().length];
        long start = 1_000_000_000L;
        client = new ProtectedSessionCrypto(PacketProtector.forClient(KEYS, suite, RekeyLimits.defaults(suite), start),
                () -> start);
        ProtectedSessionCrypto proxy = new ProtectedSessionCrypto(
                PacketProtector.forServer(KEYS, suite, RekeyLimits.defaults(suite), start), () -> start);
        return new SessionFuzzRig(proxy, new SingleLinkDataPath.Factory(), List.of());
    }

    private static byte[] seal(ProtectedSessionCrypto client, Sealed s) {
        BraidHeader header = client.nextHeader(s.type(), s.linkId(), SessionFuzzRig.SESSION_ID);
        ByteBuf datagram = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            header.writeTo(datagram);
            datagram.writeBytes(s.body());
            client.seal(header, datagram);
            return ByteBufUtil.getBytes(datagram);
        } finally {
            datagram.release();
        }
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<byte[]> controlBody = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(Arrays.stream(CORE_CONTROLS).boxed().toList())),
                        Tuple.of(1, Arbitraries.integers().between(0, 255))),
                Arbitraries.oneOf(FuzzBytes.noise(8).filter(b -> b.length == 8), FuzzBytes.noise(40)))
                .as(SessionReceiveFuzzTest::prepend);
        Arbitrary<Sealed> control = Combinators.combine(controlBody, Arbitraries.integers().between(1, 3),
                        damages(), Arbitraries.of(false, false, true))
                .as((body, link, damage, fromB) -> new Sealed(MessageType.CONTROL, link, body, damage, fromB));
        Arbitrary<Sealed> data = Combinators.combine(FuzzBytes.noise(80), Arbitraries.integers().between(1, 3),
                        damages(), Arbitraries.of(false, false, true))
                .as((body, link, damage, fromB) -> new Sealed(MessageType.DATA, link, body, damage, fromB));
        Arbitrary<Input> sealed = Arbitraries.oneOf(control, data).map(s -> new Input(s, null));
        Arbitrary<Input> raw = FuzzBytes.noise(64).map(bytes -> new Input(null, bytes));
        return Arbitraries.frequencyOf(Tuple.of(5, sealed), Tuple.of(1, raw)).list().ofMinSize(1).ofMaxSize(6);
    }

    /** None (intact) half of the time. */
    private static Arbitrary<UnaryOperator<byte[]>> damages() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)), Tuple.of(1, FuzzBytes.damages()));
    }

    private static byte[] prepend(int type, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) type;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static QuietLogger quiet;
    private static SessionFuzzRig.Reused rigs;
    private static ProtectedSessionCrypto client;
    private static int sessions;

    @BeforeContainer
    static void start() {
        quiet = new QuietLogger(Session.class);
        rigs = new SessionFuzzRig.Reused(SessionReceiveFuzzTest::newSession, 50);
    }

    @AfterContainer
    static void noByteBufLeaked() {
        rigs.close();
        quiet.close();
        LeakFailingExtension.assertNoLeaks(SessionReceiveFuzzTest.class.getSimpleName());
    }
}
