package dev.braid.benchmarks.jmh;

import dev.braid.multilink.protocol.DropSink;
import dev.braid.multilink.protocol.FqCoDelQueue;
import dev.braid.multilink.protocol.QueueSettings;
import java.util.ArrayDeque;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sender-wide queue per packet: one add and one peek + poll with {@value #STANDING} packets
 * standing, the clock 10 us further each time (sojourn 1 ms, below CoDel's target, as while the
 * links keep up), packets spread over {@code flows} flow slots in turn. FQ-CoDel against the
 * FIFO it replaces (an ArrayDeque of records, as SharedQueue).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SharedQueueBench {
    static final int STANDING = 100;
    private static final long STEP_NANOS = 10_000;
    private static final Object PACKET = new Object();
    private static final DropSink<Object> IGNORE = (packet, reason) -> { };

    @Param({"1", "16", "256"})
    public int flows;

    record Pending(Object packet, int bytes, long enqueuedNanos) {
    }

    private FqCoDelQueue<Object> fq;
    private final ArrayDeque<Pending> fifo = new ArrayDeque<>();
    private long now;
    private int nextFlow;

    @Setup
    public void setUp() {
        fq = new FqCoDelQueue<>(QueueSettings.defaults(), flows);
        for (int i = 0; i < STANDING; i++) {
            now += STEP_NANOS;
            fq.add(now, i % flows, PACKET, 1200, IGNORE);
            fifo.add(new Pending(PACKET, 1200, now));
        }
    }

    @Benchmark
    public Object fqCoDel() {
        now += STEP_NANOS;
        fq.add(now, nextFlow, PACKET, 1200, IGNORE);
        nextFlow = nextFlow + 1 == flows ? 0 : nextFlow + 1;
        fq.peek(now, IGNORE);
        return fq.pollPeeked(now);
    }

    @Benchmark
    public Object arrayDeque() {
        now += STEP_NANOS;
        fifo.add(new Pending(PACKET, 1200, now));
        fifo.peek();
        return fifo.poll().packet();
    }
}
