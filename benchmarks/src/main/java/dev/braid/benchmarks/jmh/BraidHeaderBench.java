package dev.braid.benchmarks.jmh;

import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The 12-byte outer header: write it into a heap buffer and parse it back. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BraidHeaderBench {
    private ByteBuf buffer;
    private BraidHeader header;

    @Setup
    public void setUp() {
        buffer = Unpooled.buffer(64);
        header = new BraidHeader(MessageType.DATA, 3, BraidHeader.FLAG_ENCRYPTED | 1, 0x1234_5678, 987_654_321L);
    }

    @TearDown
    public void tearDown() {
        buffer.release();
    }

    @Benchmark
    public BraidHeader encodeDecode() {
        buffer.clear();
        header.writeTo(buffer);
        return BraidHeader.readFrom(buffer);
    }
}
