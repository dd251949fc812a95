package dev.braid.testbed.bench.paper;

import dev.braid.core.time.SystemClock;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One updating line on stderr: {@code [#####.....]  45% 12/25 fig5 10:40  elapsed 0:31  ETA 0:38}.
 * Runs are weighted by their expected wall time (real time) or count equally (virtual time); the
 * ETA extrapolates the elapsed time over the weight done. In real time the line also moves during a
 * run, redrawn twice a second.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final double totalWeight;
    private final boolean ticking;
    private final long start = SystemClock.INSTANCE.nanos();
    private final ScheduledExecutorService ticker;
    private int done;
    private double doneWeight;
    private double runWeight;
    private double runExpectedSeconds;
    private long runStart = start;
    private String label = "";
    private int lastLength;

    /**
     * @param total       runs
     * @param totalWeight sum of the runs' weights (see {@link #starting})
     * @param ticking     redraw twice a second (runs that take seconds), else only on changes
     */
    ProgressBar(PrintWriter err, int total, double totalWeight, boolean ticking) {
        this.err = err;
        this.total = Math.max(1, total);
        this.totalWeight = totalWeight > 0 ? totalWeight : 1;
        this.ticking = ticking;
        if (ticking) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "paper-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * @param weight          this run's share of the total weight
     * @param expectedSeconds its expected wall time (0 = unknown)
     */
    synchronized void starting(String what, double weight, double expectedSeconds) {
        label = what;
        runWeight = weight;
        runExpectedSeconds = expectedSeconds;
        runStart = SystemClock.INSTANCE.nanos();
        draw();
    }

    synchronized void finished() {
        done++;
        doneWeight += runWeight;
        runWeight = 0;
        draw();
    }

    synchronized void draw() {
        long now = SystemClock.INSTANCE.nanos();
        double elapsed = (now - start) / 1e9;
        double partial = 0;
        if (runExpectedSeconds > 0 && runWeight > 0) {
            partial = runWeight * Math.min(0.99, (now - runStart) / 1e9 / runExpectedSeconds);
        }
        double fraction = Math.min(1, (doneWeight + partial) / totalWeight);
        double eta = fraction > 0 ? elapsed / fraction * (1 - fraction) : Double.NaN;
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d %s  elapsed %s  ETA %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(100 * fraction), done, total, label, clock(elapsed),
                Double.isNaN(eta) ? "?" : clock(eta));
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        lastLength = line.length();
        err.print("\r" + line + pad);
        err.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        draw();
        err.println();
        err.flush();
    }
}
