package dev.braid.testbed.bench.paper;

import dev.braid.core.time.SystemClock;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One updating line on stderr: {@code [#####.....]  45% 12/25 fig5 10:40  elapsed 0:31  ETA 0:38}.
 * The ETA is the mean wall time per finished run times the runs left; with an expected run
 * length (real time), the line also moves during a run, redrawn twice a second.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final double expectedRunSeconds;
    private final long start = SystemClock.INSTANCE.nanos();
    private final ScheduledExecutorService ticker;
    private int done;
    private long runStart = start;
    private String label = "";
    private int lastLength;

    /**
     * @param expectedRunSeconds wall seconds a run is expected to take (0 = unknown: redraw only
     *                           when a run ends)
     */
    ProgressBar(PrintWriter err, int total, double expectedRunSeconds) {
        this.err = err;
        this.total = Math.max(1, total);
        this.expectedRunSeconds = expectedRunSeconds;
        if (expectedRunSeconds > 0) {
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

    synchronized void starting(String what) {
        label = what;
        runStart = SystemClock.INSTANCE.nanos();
        draw();
    }

    synchronized void finished() {
        done++;
        draw();
    }

    synchronized void draw() {
        long now = SystemClock.INSTANCE.nanos();
        double elapsed = (now - start) / 1e9;
        double partial = 0;
        if (expectedRunSeconds > 0 && done < total) {
            partial = Math.min(0.99, (now - runStart) / 1e9 / expectedRunSeconds);
        }
        double fraction = Math.min(1, (done + partial) / total);
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
