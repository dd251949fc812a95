package dev.braid.benchmarks.jmh;

import dev.braid.multilink.protocol.AckMessage;
import dev.braid.multilink.protocol.DataHeader;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The multilink wire messages: the 12-byte data header (encode + decode) and a per-link ack with
 * a 3-byte Ack Vector (64 received, 1 lost, 20 received), encoded and decoded separately.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MultilinkCodecBench {
    private final ByteBuffer buffer = ByteBuffer.allocate(256);
    private final ByteBuffer encodedAck = ByteBuffer.allocate(256);
    private DataHeader dataHeader;
    private AckMessage ack;

    @Setup
    public void setUp() {
        dataHeader = DataHeader.of(1_000_000L, 400_000L, 123_456_789_000L);
        byte[] vector = {
            (byte) (AckMessage.STATE_RECEIVED | AckMessage.MAX_RUN_LENGTH),
            (byte) AckMessage.STATE_NOT_RECEIVED,
            (byte) (AckMessage.STATE_RECEIVED | 19),
        };
        ack = new AckMessage(400_000, 123_456, 250, 1_000_000, vector);
        ack.encode(encodedAck);
        encodedAck.flip();
    }

    @Benchmark
    public DataHeader dataHeaderEncodeDecode() {
        buffer.clear();
        dataHeader.encode(buffer);
        buffer.flip();
        return DataHeader.decode(buffer);
    }

    @Benchmark
    public ByteBuffer ackEncode() {
        buffer.clear();
        ack.encode(buffer);
        return buffer;
    }

    @Benchmark
    public AckMessage ackDecode() {
        encodedAck.rewind();
        return AckMessage.decode(encodedAck);
    }
}
