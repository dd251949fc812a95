package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ProbeResponderTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.9", 5555);

    @Test
    void echoesSeqAndTimestampWithTheSenderAddress() {
        ProbeReply reply = ProbeResponder.answer(new Probe(77, 1234), NatProbeCodec.PROBE_LENGTH, SENDER).orElseThrow();
        assertEquals(new ProbeReply(77, 1234, SENDER), reply);
    }

    @Test
    void refusesToAnswerWithMoreBytesThanTheProbeHad() {
        assertTrue(ProbeResponder.answer(new Probe(1, 1), NatProbeCodec.REPLY_IPV4_LENGTH - 1, SENDER).isEmpty());
        assertTrue(ProbeResponder.answer(new Probe(1, 1), NatProbeCodec.REPLY_IPV4_LENGTH, SENDER).isPresent());
    }
}
