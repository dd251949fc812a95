package dev.braid.testbed.bench.paper;

import dev.braid.testbed.scenario.Scenario;
import dev.braid.testbed.scenario.ScenarioResult;
import dev.braid.testbed.scenario.ScenarioRunner;
import dev.braid.testbed.scenario.ThroughputSeries;
import java.util.Locale;

/** Runs cases with {@link ScenarioRunner} (the real sans-I/O engines on simulated links). */
final class VirtualEngine implements PaperEngine {
    private final long durationNanos;
    private final long seed;

    VirtualEngine(long durationNanos, long seed) {
        this.durationNanos = durationNanos;
        this.seed = seed;
    }

    /** The scenario of a case: the paper's stream (offered / sum as load factor), 100 ms bins. */
    Scenario scenario(PaperCase c) {
        double sum = c.links().stream().mapToLong(l -> l.rateBitsPerSecond()).sum();
        return Scenario.builder(c.key(), c.links()).offeredLoadFactor(c.offeredBitsPerSecond() / sum)
                .durationNanos(c.durationNanos(durationNanos)).seed(seed).build();
    }

    @Override
    public Measurement run(PaperCase c) {
        ScenarioResult r = ScenarioRunner.run(scenario(c));
        ThroughputSeries ts = r.series();
        double[] inOrder = new double[ts.bins()];
        for (int i = 0; i < inOrder.length; i++) {
            inOrder[i] = ts.inOrderMbit(i);
        }
        double binSeconds = ts.binNanos() / 1e9;
        int perSecond = Math.max(1, (int) Math.round(1 / binSeconds));
        double[] aggregate = new double[(ts.bins() + perSecond - 1) / perSecond];
        for (int i = 0; i < ts.bins(); i++) {
            aggregate[i / perSecond] += ts.aggregateMbit(i) / perSecond;
        }
        return new Measurement(r.aggregateMbit(), r.inOrderMbit(), r.holdP99Nanos() / 1e6, binSeconds, inOrder,
                aggregate, r.scenario().durationNanos() / 1e9, r.wallNanos() / 1e9, null, 0);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "virtual time, %.1f s per run, seed %d", durationNanos / 1e9, seed);
    }

    @Override
    public double expectedWallSeconds(PaperCase c) {
        return 0;
    }
}
