package dev.braid.testbed.bench.path;

import java.util.ArrayList;
import java.util.List;

/**
 * A link's rate over time from readings of a byte counter: each reading after the first gives the
 * rate over the interval since the one before. A reading the counter could not give (-1) is skipped.
 */
final class LinkRateTrace {
    private final List<double[]> points = new ArrayList<>();
    private double lastSeconds = Double.NaN;
    private long lastBytes = -1;

    /** The counter read {@code bytes} at {@code seconds}. */
    void add(double seconds, long bytes) {
        if (bytes < 0) {
            return;
        }
        if (lastBytes >= 0 && seconds > lastSeconds && bytes >= lastBytes) {
            points.add(new double[] {seconds, (bytes - lastBytes) * 8 / 1e6 / (seconds - lastSeconds)});
        }
        lastSeconds = seconds;
        lastBytes = bytes;
    }

    /** {times in s, Mbit/s}. */
    double[][] series() {
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }
}
