package dev.braid.benchmarks.jmh;

import dev.braid.multilink.protocol.AckInfo;
import dev.braid.multilink.protocol.AckOutcome;
import dev.braid.multilink.protocol.CongestionControl;
import dev.braid.multilink.protocol.CongestionControls;
import dev.braid.multilink.protocol.MultilinkSettings;
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
 * CCID2 in steady state: per operation one packet is sent and the packet sent {@value #IN_FLIGHT}
 * earlier is acked, by an ack whose vector also covers the 15 link seqs below it (already acked,
 * as a real receiver's history does). The {@link AckInfo} is built per ack, as the sender does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Ccid2Bench {
    static final int IN_FLIGHT = 16;
    private static final long STEP_NANOS = 10_000;

    private CongestionControl cc;
    private long nextSeq;
    private long now;

    @Setup
    public void setUp() {
        cc = CongestionControls.create("ccid2", MultilinkSettings.defaults());
        for (; nextSeq < IN_FLIGHT; nextSeq++) {
            cc.onSent(now, nextSeq);
        }
    }

    @Benchmark
    public AckOutcome sentAndAcked() {
        now += STEP_NANOS;
        cc.onSent(now, nextSeq);
        long acked = nextSeq - IN_FLIGHT;
        nextSeq++;
        return cc.onAck(now, new AckInfo(acked, 0, new long[] {acked, Math.max(0, acked - 15)}));
    }
}
