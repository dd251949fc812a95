package dev.braid.testbed.scenario;

/**
 * Told when a time-series bin is complete, in virtual time (e.g. to plot live in a demo, or to
 * pace a run to real time by waiting in the callback). Runs on the simulation thread.
 */
@FunctionalInterface
public interface BinListener {
    /** Bin {@code bin} of {@code series} will not change any more. */
    void binDone(int bin, ThroughputSeries series);
}
