package dev.braid.testbed.scenario;

import dev.braid.testbed.sim.ScheduledAction;
import dev.braid.testbed.sim.Simulation;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Drives a sans-I/O component's timer in a {@link Simulation}: {@link #rearm()} after every call
 * into the component. A later deadline does not reschedule (the pending action fires early, finds
 * nothing due and re-arms), so a retransmission timer pushed forward by every ack does not leave
 * a trail of cancelled actions in the event queue.
 */
final class DeadlineTimer {
    private final Simulation simulation;
    private final LongSupplier deadline;
    private final LongConsumer onDue;
    private ScheduledAction pending;
    private long scheduledAt = Long.MAX_VALUE;

    /**
     * @param deadline the component's next deadline ({@link Long#MAX_VALUE} = none)
     * @param onDue    called with the current time when that deadline has come
     */
    DeadlineTimer(Simulation simulation, LongSupplier deadline, LongConsumer onDue) {
        this.simulation = simulation;
        this.deadline = deadline;
        this.onDue = onDue;
    }

    void rearm() {
        long at = deadline.getAsLong();
        if (at >= scheduledAt) {
            return;
        }
        if (pending != null) {
            pending.cancel();
        }
        scheduledAt = at;
        pending = simulation.schedule(Math.max(at, simulation.now()), this::fire);
    }

    private void fire() {
        pending = null;
        scheduledAt = Long.MAX_VALUE;
        long now = simulation.now();
        if (now >= deadline.getAsLong()) {
            onDue.accept(now);
        }
        rearm();
    }
}
