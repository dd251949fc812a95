package dev.braid.testbed.demo;

import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.LinkSpec;
import dev.braid.testbed.link.LinkSpecParser;
import dev.braid.testbed.link.QueueLimit;

/**
 * One emulated link of the demo, from {@code RATE/RTT[,options]} (e.g. {@code 8mbit/10ms}).
 * As in the paper, the delay is the round-trip time: each direction gets half of it. Both
 * directions get the rate (data flows down, acks up) and, unless the spec sets a queue, a
 * drop-tail queue of {@link #queueNanos} so congestion control sees losses as on a real bottleneck.
 *
 * @param spec  the text as given
 * @param link  both directions' shaping
 */
record DemoLink(String spec, long rateBitsPerSecond, long rttNanos, LinkSpec link) {
    /** Shortest default queue: at 20 ms RTT and less, one RTT of buffer is only a few packets. */
    static final long MIN_QUEUE_NANOS = 50_000_000L;

    /** @throws IllegalArgumentException with the spec and what is wrong */
    static DemoLink parse(String spec) {
        DirectionSpec asGiven = new LinkSpecParser().parseDirection(spec);
        if (asGiven.rateBitsPerSecond() <= 0) {
            throw new IllegalArgumentException("link '" + spec + "': needs a rate, e.g. 8mbit/10ms");
        }
        DirectionSpec.Builder oneWay = asGiven.toBuilder().delay(asGiven.delayNanos() / 2);
        if (asGiven.queueLimit().isUnlimited()) {
            oneWay.queue(QueueLimit.delay(queueNanos(asGiven.delayNanos())));
        }
        return new DemoLink(spec, asGiven.rateBitsPerSecond(), asGiven.delayNanos(), LinkSpec.symmetric(oneWay.build()));
    }

    /** One round trip of buffer (the classic rule of thumb), at least {@link #MIN_QUEUE_NANOS}. */
    static long queueNanos(long rttNanos) {
        return Math.max(MIN_QUEUE_NANOS, rttNanos);
    }

    double rateMbps() {
        return rateBitsPerSecond / 1e6;
    }

    /** E.g. "8 Mbit/s, 10 ms RTT". */
    String describe() {
        return String.format("%s Mbit/s, %s ms RTT", trim(rateMbps()), trim(rttNanos / 1e6));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value);
    }
}
