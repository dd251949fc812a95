package dev.braid.testbed.sim;

import dev.braid.core.time.Clock;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic discrete-event kernel: actions run in order of time, and actions scheduled for
 * the same time run in the order they were scheduled. Time is a {@link VirtualClock} that jumps
 * from one action to the next, so a simulated minute takes only as long as its work. Single
 * threaded: schedule only from the thread that runs the simulation (actions may schedule more).
 */
public final class Simulation {

    private static final Comparator<ScheduledAction> ORDER =
            Comparator.<ScheduledAction>comparingLong(a -> a.atNanos).thenComparingLong(a -> a.sequence);

    private final VirtualClock clock = new VirtualClock();
    private final PriorityQueue<ScheduledAction> queue = new PriorityQueue<>(ORDER);
    private final SplittableRandom seeds;
    private long nextSequence;
    private long executed;

    /** @param seed the root of every random source handed out by {@link #newRandom()} */
    public Simulation(long seed) {
        this.seeds = new SplittableRandom(seed);
    }

    /** The simulation's clock, for components that take a {@link Clock}. */
    public VirtualClock clock() {
        return clock;
    }

    public long now() {
        return clock.nanos();
    }

    /** A new independent random source; the sequence of sources is fixed by the seed. */
    public SplittableRandom newRandom() {
        return seeds.split();
    }

    /** A new seed drawn from the simulation's seed, for components that take a seed. */
    public long newSeed() {
        return seeds.nextLong();
    }

    /** Runs {@code action} at {@code atNanos}, which must not be in the past. */
    public ScheduledAction schedule(long atNanos, Runnable action) {
        if (atNanos < now()) {
            throw new IllegalArgumentException("cannot schedule at " + atNanos + ", now is " + now());
        }
        ScheduledAction scheduled = new ScheduledAction(atNanos, nextSequence++, action);
        queue.add(scheduled);
        return scheduled;
    }

    /** Runs {@code action} {@code delayNanos} from now. */
    public ScheduledAction scheduleAfter(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        return schedule(now() + delayNanos, action);
    }

    /**
     * Runs every action due at or before {@code endNanos} (including those scheduled meanwhile),
     * then leaves the clock at {@code endNanos}.
     */
    public void runUntil(long endNanos) {
        while (!queue.isEmpty() && queue.peek().atNanos <= endNanos) {
            runNext();
        }
        if (endNanos > now()) {
            clock.advanceTo(endNanos);
        }
    }

    /** Runs {@code durationNanos} of simulated time from now. */
    public void runFor(long durationNanos) {
        runUntil(now() + durationNanos);
    }

    /** Runs until no action is left, or {@code maxActions} ran (a guard against endless sources). */
    public void runUntilIdle(long maxActions) {
        long limit = executed + maxActions;
        while (!queue.isEmpty() && executed < limit) {
            runNext();
        }
    }

    /** Actions waiting to run (cancelled ones included until their time comes). */
    public int pendingActions() {
        return queue.size();
    }

    /** Actions run so far. */
    public long executedActions() {
        return executed;
    }

    /** Time of the next pending action, or {@link Long#MAX_VALUE}. */
    public long nextActionNanos() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().atNanos;
    }

    private void runNext() {
        ScheduledAction next = queue.poll();
        clock.advanceTo(next.atNanos);
        if (!next.isCancelled()) {
            executed++;
            next.action.run();
        }
    }
}
