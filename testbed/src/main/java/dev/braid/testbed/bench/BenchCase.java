package dev.braid.testbed.bench;

import dev.braid.testbed.scenario.Scenario;

/**
 * One cell of the aggregation matrix.
 *
 * @param matrix   {@code bandwidth}, {@code delay} or {@code combined}
 * @param label    the paper's label, e.g. {@code 8:2} or {@code 10ms:100ms}
 * @param scenario the scenario (default scheduler; vary it with {@link Scenario#withScheduler})
 */
public record BenchCase(String matrix, String label, Scenario scenario) {

    /** Sum of the link rates in Mbit/s. */
    public long sumMbit() {
        return scenario.sumRateBitsPerSecond() / 1_000_000;
    }
}
