package dev.braid.testbed.bench.path;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Steps the bottlenecks of links with changing rates. {@link #restart()} begins the schedule
 * again at its first step, so every measured run sees the same sequence of rates from its start.
 */
final class RateSchedule implements AutoCloseable {
    /** A stepping link's two bottlenecks (up and down) and its steps. */
    record Stepped(PathLink link, List<Bottleneck> bottlenecks) {}

    private final List<Stepped> stepped;
    private final Object lock = new Object();
    private long startNanos;
    private final Thread thread;
    private volatile boolean running = true;

    RateSchedule(List<Stepped> stepped) {
        this.stepped = List.copyOf(stepped);
        this.thread = new Thread(this::run, "rate-schedule");
        this.thread.setDaemon(true);
        this.startNanos = System.nanoTime();
        if (!this.stepped.isEmpty()) {
            thread.start();
        }
    }

    boolean isEmpty() {
        return stepped.isEmpty();
    }

    /** The first step again, now. */
    void restart() {
        if (stepped.isEmpty()) {
            return;
        }
        synchronized (lock) {
            startNanos = System.nanoTime();
            applyAt(0);
            lock.notifyAll();
        }
    }

    private void run() {
        long applied = 0;
        synchronized (lock) {
            while (running) {
                long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
                if (elapsed != applied) {
                    applyAt(elapsed);
                    applied = elapsed;
                }
                long nextSecond = startNanos + TimeUnit.SECONDS.toNanos(elapsed + 1);
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextSecond - System.nanoTime()));
                try {
                    lock.wait(waitMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (applied > TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos)) {
                    applied = 0; // restarted: step 0 was applied by restart()
                }
            }
        }
    }

    private void applyAt(long second) {
        for (Stepped s : stepped) {
            if (second == 0 || s.link().rateAt(second) != s.link().rateAt(second - 1)) {
                double mbit = s.link().rateAt(second);
                s.bottlenecks().forEach(b -> b.setRate(mbit));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
