package dev.braid.testbed.bench.sessions;

import dev.braid.testbed.bench.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code sessions.png}: sessions logged in over time, at the cold start and after the proxy restart. */
final class SessionsCharts {
    /** More points than pixels only slow the encoder down. */
    private static final int MAX_POINTS = 1000;

    private SessionsCharts() {}

    static void write(Path dir, SessionsFigures f) throws IOException {
        Map<String, double[][]> series = new LinkedHashMap<>();
        if (f.coldTimes.length > 0) {
            series.put("cold start (s since the generator started)", cumulative(f.coldTimes));
        }
        if (f.backTimes.length > 0) {
            series.put("after the restart (s since the proxy was killed)", cumulative(f.backTimes));
        }
        if (series.isEmpty()) {
            return;
        }
        Charts.lines(dir.resolve("sessions.png"), f.count + " sessions: logged in over time", "seconds",
                "sessions with a session on the proxy", series);
    }

    /** {x: time, y: sessions in by then} of sorted times, thinned to at most {@value #MAX_POINTS} points. */
    static double[][] cumulative(double[] sorted) {
        int points = Math.min(sorted.length, MAX_POINTS);
        double[] x = new double[points + 1];
        double[] y = new double[points + 1];
        for (int i = 0; i < points; i++) {
            int index = (int) ((long) (i + 1) * sorted.length / points) - 1;
            x[i + 1] = sorted[index];
            y[i + 1] = index + 1;
        }
        x[0] = sorted[0];
        y[0] = 0;
        return new double[][] {x, y};
    }
}
