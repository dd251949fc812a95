package dev.braid.core.crypto;

import dev.braid.core.wire.DropReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PacketProtectorTest {

    private static final SessionKeys KEYS = KeySchedule.derive(KeyScheduleTest.filled(32, 1),
            KeyScheduleTest.filled(384, 2), KeyScheduleTest.filled(384, 3),
            KeyScheduleTest.filled(16, 4), KeyScheduleTest.filled(16, 5));
    private static final long SECOND = 1_000_000_000L;

    /** One packet as the caller's shell would build it: a 16-byte stand-in header used as AAD, epoch in it. */
    private record Wire(int linkId, long counter, int epoch, byte[] header, byte[] body) {
    }

    private static Wire send(SendProtector sender, int linkId, byte[] payload, boolean encrypt, long now) {
        long counter = sender.nextCounter(linkId, now);
        int epoch = sender.epoch();
        byte[] header = new byte[16];
        header[0] = (byte) epoch;
        for (int i = 0; i < 8; i++) {
            header[8 + i] = (byte) (counter >>> (8 * i));
        }
        byte[] body = new byte[payload.length + Aead.TAG_LENGTH];
        sender.seal(linkId, counter, epoch, encrypt, header, 0, 16, payload, 0, payload.length, body, 0);
        return new Wire(linkId, counter, epoch, header, body);
    }

    private static int receive(ReceiveProtector receiver, Wire w, boolean encrypted, byte[] out) {
        return receiver.open(w.linkId(), w.counter(), w.epoch(), encrypted, w.header(), 0, 16,
                w.body(), 0, w.body().length, out, 0);
    }

    /** A packet sealed under {@code counter} whose header carries only its low 32 bits, as on the wire. */
    private static Wire sealAt(SendProtector sender, int linkId, long counter, byte[] payload) {
        byte[] header = new byte[12];
        for (int i = 0; i < 4; i++) {
            header[8 + i] = (byte) (counter >>> (8 * (3 - i)));
        }
        byte[] body = new byte[payload.length + Aead.TAG_LENGTH];
        sender.seal(linkId, counter, 0, true, header, 0, 12, payload, 0, payload.length, body, 0);
        return new Wire(linkId, CounterExpansion.truncate(counter), 0, header, body);
    }

    private static int receiveWire(ReceiveProtector receiver, Wire w, byte[] out) {
        return receiver.open(w.linkId(), w.counter(), w.epoch(), true, w.header(), 0, 12,
                w.body(), 0, w.body().length, out, 0);
    }

    @Test
    void countersOpenFromTheirLow32BitsAcrossTheWrapAndAWrongGuessOnlyFailsItsTag() {
        OneDirection pair = new OneDirection(CipherSuite.AES_256_GCM);
        byte[] payload = Hex.range(1, 40);
        byte[] out = new byte[100];
        long wrap = 1L << 32;
        for (long counter : new long[] {wrap - 2, wrap - 1, wrap, wrap + 1}) {
            assertEquals(payload.length, receiveWire(pair.receiver, sealAt(pair.sender, 4, counter, payload), out),
                    "counter " + counter);
        }
        assertEquals(payload.length, receiveWire(pair.receiver, sealAt(pair.sender, 4, wrap - 3, payload), out),
                "a late packet from before the wrap");
        assertEquals(-1, receiveWire(pair.receiver, sealAt(pair.sender, 4, wrap, payload), out));
        assertEquals(1, pair.receiver.drops(DropReason.REPLAY));
        long tooFarAhead = wrap + 1 + (1L << 31) + 5;
        assertEquals(-1, receiveWire(pair.receiver, sealAt(pair.sender, 4, tooFarAhead, payload), out));
        assertEquals(1, pair.receiver.drops(DropReason.BAD_TAG), "restored as the nearest candidate, which is wrong");
        assertEquals(payload.length, receiveWire(pair.receiver, sealAt(pair.sender, 4, wrap + 2, payload), out),
                "and the link goes on");
    }

    private static final class OneDirection {
        final SendProtector sender;
        final ReceiveProtector receiver;

        OneDirection(CipherSuite suite) {
            RekeyLimits limits = RekeyLimits.defaults(suite);
            sender = PacketProtector.forClient(KEYS, suite, limits, 0).sender();
            receiver = PacketProtector.forServer(KEYS, suite, limits, 0).receiver();
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void clientAndServerAgreeInBothDirections(CipherSuite suite) {
        RekeyLimits limits = RekeyLimits.defaults(suite);
        PacketProtector client = PacketProtector.forClient(KEYS, suite, limits, 0);
        PacketProtector server = PacketProtector.forServer(KEYS, suite, limits, 0);
        byte[] payload = Hex.range(1, 100);
        byte[] out = new byte[200];

        Wire up = send(client.sender(), 1, payload, true, 0);
        assertEquals(suite.encrypts(), !Arrays.equals(payload, Arrays.copyOf(up.body(), payload.length)));
        assertEquals(payload.length, receive(server.receiver(), up, true, out));
        assertArrayEquals(payload, Arrays.copyOf(out, payload.length));

        Wire down = send(server.sender(), 1, payload, false, 0);
        assertArrayEquals(payload, Arrays.copyOf(down.body(), payload.length), "authenticated-only is clear");
        assertEquals(payload.length, receive(client.receiver(), down, false, out));
        // A client packet is not valid in the other direction (different keys).
        assertEquals(-1, receive(client.receiver(), up, true, out));
        assertEquals(1, client.receiver().drops(DropReason.BAD_TAG));
    }

    @Test
    void countersArePerLinkAndMonotonic() {
        SendProtector sender = new SendProtector(CipherSuite.CHACHA20_POLY1305, KEYS.clientToServer(),
                RekeyLimits.defaults(CipherSuite.CHACHA20_POLY1305), 0);
        assertEquals(0, sender.nextCounter(1, 0));
        assertEquals(1, sender.nextCounter(1, 0));
        assertEquals(0, sender.nextCounter(2, 0));
        for (int link = 3; link < 20; link++) {
            assertEquals(0, sender.nextCounter(link, 0));
        }
        assertEquals(2, sender.nextCounter(1, 0));
        assertEquals(1, sender.nextCounter(2, 0));
    }

    @Test
    void counterNeverReachesTwoToTheSixtyFourMinusOne() {
        SendProtector sender = new SendProtector(CipherSuite.AES_256_GCM, KEYS.clientToServer(),
                RekeyLimits.defaults(CipherSuite.AES_256_GCM), 0);
        sender.setNextCounterForTest(4, -2L);
        assertEquals(-2L, sender.nextCounter(4, 0));
        assertThrows(CounterExhaustedException.class, () -> sender.nextCounter(4, 0));
        assertThrows(CounterExhaustedException.class, () -> sender.nextCounter(4, 0));
        assertEquals(0, sender.nextCounter(5, 0), "other links unaffected");
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void keyEpochRotatesAfterPacketLimitAndReceiverFollows(CipherSuite suite) {
        RekeyLimits limits = new RekeyLimits(5, 1000 * SECOND, 128);
        SendProtector sender = new SendProtector(suite, KEYS.clientToServer(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(suite, KEYS.clientToServer(), limits);
        byte[] out = new byte[100];
        List<Integer> epochs = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Wire w = send(sender, i % 2, Hex.range(0, 20), true, 0);
            epochs.add(w.epoch());
            assertEquals(21, receive(receiver, w, true, out), "packet " + i);
            assertEquals(w.epoch(), receiver.epoch());
        }
        // 5 packets per key, epochs wrap after 3 (2 bits).
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 0, 0, 0), epochs);
        for (DropReason reason : DropReason.values()) {
            assertEquals(0, receiver.drops(reason), reason.name());
        }
    }

    @Test
    void keyEpochRotatesAfterTimeLimit() {
        RekeyLimits limits = new RekeyLimits(1_000_000, 120 * SECOND, 128);
        SendProtector sender = new SendProtector(CipherSuite.AES_256_GCM, KEYS.serverToClient(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(CipherSuite.AES_256_GCM, KEYS.serverToClient(), limits);
        byte[] out = new byte[64];
        assertEquals(0, send(sender, 1, new byte[3], true, 119 * SECOND).epoch());
        Wire rotated = send(sender, 1, new byte[3], true, 120 * SECOND);
        assertEquals(1, rotated.epoch());
        assertEquals(3, receive(receiver, rotated, true, out));
        assertEquals(1, send(sender, 1, new byte[3], true, 239 * SECOND).epoch());
        assertEquals(2, send(sender, 1, new byte[3], true, 240 * SECOND).epoch());
    }

    @Test
    void reorderedPacketsAcrossARotationStillOpen() {
        RekeyLimits limits = new RekeyLimits(2, 1000 * SECOND, 128);
        SendProtector sender = new SendProtector(CipherSuite.CHACHA20_POLY1305, KEYS.clientToServer(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(CipherSuite.CHACHA20_POLY1305, KEYS.clientToServer(), limits);
        byte[] out = new byte[64];
        Wire e0a = send(sender, 1, new byte[4], true, 0);
        Wire e0b = send(sender, 2, new byte[4], true, 0);
        Wire e1 = send(sender, 1, new byte[4], true, 0);
        Wire e1b = send(sender, 1, new byte[4], true, 0);
        Wire e2 = send(sender, 1, new byte[4], true, 0);
        assertEquals(List.of(0, 0, 1, 1, 2), List.of(e0a.epoch(), e0b.epoch(), e1.epoch(), e1b.epoch(), e2.epoch()));

        assertEquals(4, receive(receiver, e1, true, out)); // next epoch: advances to 1
        assertEquals(1, receiver.epoch());
        assertEquals(4, receive(receiver, e0b, true, out)); // previous epoch still accepted
        assertEquals(4, receive(receiver, e2, true, out)); // advances to 2
        // Epoch 0 is now two behind, which 2 bits cannot tell from two ahead: tried as such, tag fails.
        assertEquals(-1, receive(receiver, e0a, true, out));
        assertEquals(1, receiver.drops(DropReason.BAD_TAG));
        assertEquals(4, receive(receiver, e1b, true, out)); // previous (1)
    }

    @Test
    void aWholeLostEpochIsSkipped() {
        RekeyLimits limits = new RekeyLimits(3, 1000 * SECOND, 128);
        SendProtector sender = new SendProtector(CipherSuite.AES_256_GCM, KEYS.clientToServer(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(CipherSuite.AES_256_GCM, KEYS.clientToServer(), limits);
        byte[] out = new byte[64];
        assertEquals(4, receive(receiver, send(sender, 1, new byte[4], true, 0), true, out));
        for (int i = 0; i < 5; i++) {
            send(sender, 1, new byte[4], true, 0); // rest of epoch 0 and all of epoch 1: lost
        }
        Wire e2 = send(sender, 1, new byte[4], true, 0);
        assertEquals(2, e2.epoch());
        assertEquals(4, receive(receiver, e2, true, out));
        assertEquals(2, receiver.epoch());
        for (int i = 0; i < 2; i++) {
            assertEquals(4, receive(receiver, send(sender, 1, new byte[4], true, 0), true, out));
        }
        Wire e3 = send(sender, 1, new byte[4], true, 0);
        assertEquals(3, e3.epoch());
        assertEquals(4, receive(receiver, e3, true, out));
        assertEquals(3, receiver.epoch());
    }

    @Test
    void replaysAndForgeriesAreCountedNotThrown() {
        RekeyLimits limits = RekeyLimits.defaults(CipherSuite.AES_256_GCM);
        SendProtector sender = new SendProtector(CipherSuite.AES_256_GCM, KEYS.clientToServer(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(CipherSuite.AES_256_GCM, KEYS.clientToServer(), limits);
        byte[] out = new byte[64];
        Wire w = send(sender, 9, new byte[10], true, 0);
        assertEquals(10, receive(receiver, w, true, out));
        assertEquals(-1, receive(receiver, w, true, out));
        assertEquals(1, receiver.drops(DropReason.REPLAY));

        Wire forged = send(sender, 9, new byte[10], true, 0);
        forged.body()[3] ^= 1;
        assertEquals(-1, receive(receiver, forged, true, out));
        assertEquals(1, receiver.drops(DropReason.BAD_TAG));
        // A forged packet did not burn its counter: the genuine one still opens.
        forged.body()[3] ^= 1;
        assertEquals(10, receive(receiver, forged, true, out));

        Wire headerTampered = send(sender, 9, new byte[10], true, 0);
        for (int i = 0; i < 16; i++) {
            byte[] header = headerTampered.header().clone();
            header[i] ^= 0x10;
            Wire bad = new Wire(9, headerTampered.counter(), headerTampered.epoch(), header, headerTampered.body());
            assertEquals(-1, receive(receiver, bad, true, out), "header byte " + i);
        }
        Wire previousBeforeAnyRotation = new Wire(9, w.counter(), 3, w.header(), w.body());
        assertEquals(-1, receive(receiver, previousBeforeAnyRotation, true, out));
        assertEquals(1, receiver.drops(DropReason.UNKNOWN_EPOCH));
        Wire outOfRange = new Wire(9, w.counter(), 4, w.header(), w.body());
        assertEquals(-1, receive(receiver, outOfRange, true, out));
        assertEquals(2, receiver.drops(DropReason.UNKNOWN_EPOCH));
        long badTagsBefore = receiver.drops(DropReason.BAD_TAG);
        Wire wrongEpochKey = new Wire(9, w.counter(), 1, w.header(), w.body());
        assertEquals(-1, receive(receiver, wrongEpochKey, true, out));
        assertEquals(badTagsBefore + 1, receiver.drops(DropReason.BAD_TAG));
        assertEquals(0, receiver.epoch(), "a forged later epoch does not advance");
        assertEquals(-1, receiver.open(9, 0, 0, true, new byte[16], 0, 16, new byte[15], 0, 15, out, 0));
        assertEquals(1, receiver.drops(DropReason.TOO_SHORT));
    }

    @Test
    void noneSuiteAuthenticatesEvenWhenEncryptionIsAsked() {
        RekeyLimits limits = RekeyLimits.defaults(CipherSuite.NONE);
        SendProtector sender = new SendProtector(CipherSuite.NONE, KEYS.clientToServer(), limits, 0);
        ReceiveProtector receiver = new ReceiveProtector(CipherSuite.NONE, KEYS.clientToServer(), limits);
        byte[] payload = Hex.range(10, 30);
        Wire w = send(sender, 1, payload, true, 0);
        assertArrayEquals(payload, Arrays.copyOf(w.body(), payload.length));
        byte[] out = new byte[64];
        assertEquals(payload.length, receive(receiver, w, true, out));
        Wire tampered = send(sender, 1, payload, true, 0);
        tampered.body()[0] ^= 1;
        assertEquals(-1, receive(receiver, tampered, true, out));
        assertNotEquals(0, receiver.drops(DropReason.BAD_TAG));
    }
}
