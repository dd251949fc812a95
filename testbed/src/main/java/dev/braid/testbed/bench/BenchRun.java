package dev.braid.testbed.bench;

import dev.braid.testbed.scenario.ScenarioResult;

/**
 * One measured cell: a matrix case with one scheduler, and the single-link reference of the case.
 *
 * @param scheduler scheduler name
 * @param result    the multilink run
 * @param baseline  the same tunnel over one link of the summed rate
 */
public record BenchRun(BenchCase benchCase, String scheduler, ScenarioResult result, ScenarioResult baseline) {

    /** Aggregate goodput as a fraction of the single-link reference. */
    public double aggregateOfBaseline() {
        return result.aggregateBitsPerSecond() / baseline.aggregateBitsPerSecond();
    }

    /** In-order goodput as a fraction of the single-link reference. */
    public double inOrderOfBaseline() {
        return result.inOrderBitsPerSecond() / baseline.inOrderBitsPerSecond();
    }
}
