package dev.braid.testbed.bench.path;

import java.util.Collection;
import java.util.List;

/** Min, median and max of a bench's repeated runs; NaN values (failed runs) count as the minimum. */
public record Stats(double min, double median, double max, int runs) {

    public static Stats of(Collection<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = values.stream().map(v -> Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v).sorted().toList();
        double min = sorted.get(0);
        return new Stats(min == Double.NEGATIVE_INFINITY ? Double.NaN : min, median(sorted),
                sorted.get(sorted.size() - 1), values.size());
    }

    /** The middle value (mean of the two middle ones for an even count); NaN when empty. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
