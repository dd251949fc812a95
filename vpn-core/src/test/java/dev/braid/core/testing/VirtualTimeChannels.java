package dev.braid.core.testing;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Embedded channels whose event loops follow one virtual clock: each step moves the clock, runs
 * every channel's due timers, then lets the test deliver what they wrote.
 */
public final class VirtualTimeChannels {
    /** Sets the virtual clock. */
    public interface Clock {
        void set(long nowNanos);
    }

    private final List<EmbeddedChannel> channels;
    private final LongSupplier now;
    private final Clock clock;
    private final Runnable deliver;

    /** Freezes the channels' own time; {@code deliver} moves datagrams between them. */
    public VirtualTimeChannels(List<EmbeddedChannel> channels, LongSupplier now, Clock clock, Runnable deliver) {
        this.channels = List.copyOf(channels);
        this.now = now;
        this.clock = clock;
        this.deliver = deliver;
        this.channels.forEach(EmbeddedChannel::freezeTime);
    }

    /** Moves virtual time by {@code nanos} in steps of at most {@code stepNanos}. */
    public void advance(long nanos, long stepNanos) {
        long end = now.getAsLong() + nanos;
        while (now.getAsLong() < end) {
            long step = Math.min(stepNanos, end - now.getAsLong());
            clock.set(now.getAsLong() + step);
            for (EmbeddedChannel channel : channels) {
                channel.advanceTimeBy(step, TimeUnit.NANOSECONDS);
            }
            for (EmbeddedChannel channel : channels) {
                channel.runScheduledPendingTasks();
            }
            deliver.run();
        }
    }
}
