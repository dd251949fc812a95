package dev.braid.testbed.linkem;

import dev.braid.core.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs actions at given times on one thread: a priority queue ordered by (time, sequence) and a
 * thread that parks until the head is due, woken early when an earlier action arrives. Actions
 * for the same time run in the order they were scheduled, so one link never reorders. Lateness
 * (start time minus due time) is recorded for the accuracy report.
 */
final class DeliveryScheduler implements AutoCloseable {

    private record Entry(long atNanos, long sequence, Runnable action) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::atNanos).thenComparingLong(Entry::sequence);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition headChanged = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
    private final Histogram lateness = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final Thread thread;
    private long nextSequence;
    private volatile boolean running = true;

    DeliveryScheduler(Clock clock, String threadName) {
        this.clock = clock;
        this.thread = new Thread(this::runLoop, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code action} on the scheduler thread at {@code atNanos} (clock time). */
    void schedule(long atNanos, Runnable action) {
        lock.lock();
        try {
            Entry entry = new Entry(atNanos, nextSequence++, action);
            queue.add(entry);
            if (queue.peek() == entry) {
                headChanged.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How late actions started, in nanoseconds. */
    Histogram lateness() {
        return lateness.copy();
    }

    int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void runLoop() {
        List<Entry> due = new ArrayList<>();
        while (running) {
            lock.lock();
            try {
                while (running && due.isEmpty()) {
                    Entry head = queue.peek();
                    if (head == null) {
                        headChanged.await();
                        continue;
                    }
                    long wait = head.atNanos() - clock.nanos();
                    if (wait > 0) {
                        headChanged.awaitNanos(wait);
                        continue;
                    }
                    long now = clock.nanos();
                    while (!queue.isEmpty() && queue.peek().atNanos() <= now) {
                        due.add(queue.poll());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            for (Entry entry : due) {
                lateness.recordValue(Math.max(0, Math.min(clock.nanos() - entry.atNanos(), lateness.getHighestTrackableValue())));
                try {
                    entry.action().run();
                } catch (RuntimeException e) {
                    // One failing delivery must not stop the link; the action counts its own failures.
                }
            }
            due.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
