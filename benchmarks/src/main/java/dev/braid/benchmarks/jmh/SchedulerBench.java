package dev.braid.benchmarks.jmh;

import dev.braid.multilink.protocol.LinkView;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.Scheduler;
import dev.braid.multilink.protocol.Schedulers;
import java.util.ArrayList;
import java.util.List;
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
 * Each scheduler's {@code pick} over 2 and 4 up links with different windows, RTTs and weights.
 * After each pick the chosen link's pipe grows by one and empties when it reaches the window (an
 * ack), so the picks walk through changing states as in a sender, not one cached answer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SchedulerBench {
    private static final long MS = 1_000_000L;

    @Param({"most-free-window", "round-robin", "weighted", "min-rtt", "earliest-arrival"})
    public String scheduler;

    @Param({"2", "4"})
    public int links;

    private Scheduler picker;
    private List<FakeLink> views;
    private FakeLink[] byId;

    /** A link whose window state the benchmark moves. */
    static final class FakeLink implements LinkView {
        final int id;
        final int cwnd;
        final long srtt;
        final int weight;
        int pipe;

        FakeLink(int id, int cwnd, long srtt, int weight) {
            this.id = id;
            this.cwnd = cwnd;
            this.srtt = srtt;
            this.weight = weight;
        }

        @Override public int id() { return id; }
        @Override public int cwnd() { return cwnd; }
        @Override public int pipe() { return pipe; }
        @Override public long srttNanos() { return srtt; }
        @Override public long owdNanos() { return srtt / 2; }
        @Override public int weight() { return weight; }
        @Override public boolean up() { return true; }
        @Override public int queued() { return 0; }
    }

    @Setup
    public void setUp() {
        picker = Schedulers.create(scheduler, MultilinkSettings.defaults());
        List<FakeLink> list = new ArrayList<>();
        byId = new FakeLink[links];
        for (int i = 0; i < links; i++) {
            FakeLink l = new FakeLink(i, 20 + 10 * i, (10 + 10 * i) * MS, i + 1);
            list.add(l);
            byId[i] = l;
        }
        views = List.copyOf(list);
    }

    @Benchmark
    public int pick() {
        int id = picker.pick(views);
        if (id != Scheduler.NONE) {
            FakeLink l = byId[id];
            if (++l.pipe >= l.cwnd) {
                l.pipe = 0;
            }
        }
        return id;
    }
}
