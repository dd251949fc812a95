package dev.braid.benchmarks.jmh;

import dev.braid.core.crypto.Aead;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.ReceiveProtector;
import dev.braid.core.crypto.RekeyLimits;
import dev.braid.core.crypto.SendProtector;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packet protection of a 1400-byte body in place, behind the 12-byte header as associated data,
 * exactly as the session does it ({@code encrypt = true}; suite {@code none} then authenticates
 * only). {@code seal} numbers and seals one packet; {@code sealThenOpen} also verifies and
 * decrypts it again in place, so the buffer is plaintext again for the next call and the replay
 * window sees fresh counters: open ≈ sealThenOpen − seal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3) // the ciphers need longer than the rest to reach C2
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PacketProtectionBench {
    static final int BODY = 1400;
    private static final int LINK = 0;

    @Param({"none", "chacha20-poly1305", "aes-256-gcm"})
    public String suite;

    private SendProtector sealer;
    private SendProtector roundTripSealer;
    private ReceiveProtector opener;
    private byte[] sealBuffer;
    private byte[] roundTripBuffer;

    @Setup
    public void setUp() {
        CipherSuite cipherSuite = CipherSuite.fromConfigName(suite);
        RekeyLimits limits = RekeyLimits.defaults(cipherSuite);
        byte[] key = new byte[Aead.KEY_LENGTH];
        new Random(1).nextBytes(key);
        sealer = new SendProtector(cipherSuite, key, limits, 0);
        roundTripSealer = new SendProtector(cipherSuite, key, limits, 0);
        opener = new ReceiveProtector(cipherSuite, key, limits);
        sealBuffer = packet();
        roundTripBuffer = packet();
    }

    private static byte[] packet() {
        byte[] buffer = new byte[BraidHeader.LENGTH + BODY + Aead.TAG_LENGTH];
        var header = Unpooled.wrappedBuffer(buffer);
        header.writerIndex(0);
        new BraidHeader(MessageType.DATA, LINK, BraidHeader.FLAG_ENCRYPTED, 7, 0).writeTo(header);
        for (int i = BraidHeader.LENGTH; i < BraidHeader.LENGTH + BODY; i++) {
            buffer[i] = (byte) i;
        }
        return buffer;
    }

    /** A failed open means the benchmark measured the drop path: refuse the result. */
    @TearDown
    public void checkNoDrops() {
        for (DropReason reason : DropReason.values()) {
            if (opener.drops(reason) != 0) {
                throw new IllegalStateException(opener.drops(reason) + " packets dropped as " + reason);
            }
        }
    }

    @Benchmark
    public int seal() {
        long counter = sealer.nextCounter(LINK, 0);
        return sealer.seal(LINK, counter, sealer.epoch(), true,
                sealBuffer, 0, BraidHeader.LENGTH, sealBuffer, BraidHeader.LENGTH, BODY,
                sealBuffer, BraidHeader.LENGTH);
    }

    @Benchmark
    public int sealThenOpen() {
        byte[] b = roundTripBuffer;
        long counter = roundTripSealer.nextCounter(LINK, 0);
        int epoch = roundTripSealer.epoch();
        int sealed = roundTripSealer.seal(LINK, counter, epoch, true,
                b, 0, BraidHeader.LENGTH, b, BraidHeader.LENGTH, BODY, b, BraidHeader.LENGTH);
        return opener.open(LINK, counter, epoch, true,
                b, 0, BraidHeader.LENGTH, b, BraidHeader.LENGTH, sealed, b, BraidHeader.LENGTH);
    }
}
