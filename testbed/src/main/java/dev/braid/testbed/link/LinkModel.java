package dev.braid.testbed.link;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One direction of an emulated link, sans I/O: told when a packet arrives and how big it is,
 * it answers when the packet comes out at the far end, or that it is lost and why.
 *
 * <p>Per offered packet, in this order:
 * <ol>
 *   <li>apply the scheduled {@link LinkEvent}s that are due (down/up, rate, delay);</li>
 *   <li>link down -> {@link DropReason#LINK_DOWN};</li>
 *   <li>bottleneck: the packet waits behind the backlog, then is serialized at the rate (or
 *       carried by the trace's delivery opportunities); drop-tail if the wait or the backlog
 *       would exceed the {@link QueueLimit} -> {@link DropReason#QUEUE_FULL};</li>
 *   <li>loss on the wire (after using capacity, as on a real link): random, then
 *       Gilbert–Elliott -> {@link DropReason#RANDOM_LOSS} / {@link DropReason#BURST_LOSS};</li>
 *   <li>propagation: delay plus uniform jitter; unless reordering is allowed, never earlier than
 *       the previous packet's delivery.</li>
 * </ol>
 * Packets already accepted keep their delivery time when the link later goes down or changes rate.
 * Deterministic for a given spec, seed and sequence of calls. Not thread-safe.
 */
public final class LinkModel {

    /** Returned by {@link #offer} for a packet that will never be delivered. */
    public static final long DROPPED = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final DirectionSpec spec;
    private final long originNanos;
    private final SplittableRandom random;
    private final LinkCounters counters = new LinkCounters();
    private final List<LinkEvent> events;
    private int nextEvent;

    private boolean up = true;
    private long rateBitsPerSecond;
    private long delayNanos;

    private long lastNow = Long.MIN_VALUE;
    /** Rate mode: when the bottleneck finishes serializing the last accepted packet. */
    private long busyUntil = Long.MIN_VALUE;
    /** Trace mode: the opportunity that carries the next byte and how much of it is left. */
    private long traceOpportunity = -1;
    private int traceBytesLeft;
    /** Accepted packets still in the bottleneck (departure time, bytes), for the byte limit. */
    private final ArrayDeque<long[]> backlog = new ArrayDeque<>();
    private long backlogBytes;
    private boolean burstBad;
    private long lastDelivery = Long.MIN_VALUE;
    private DropReason lastDropReason;

    /**
     * @param spec        the shaping
     * @param seed        seed of this model's random source (jitter and loss)
     * @param originNanos the time that event and trace times are relative to
     */
    public LinkModel(DirectionSpec spec, long seed, long originNanos) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.originNanos = originNanos;
        this.random = new SplittableRandom(seed);
        this.events = spec.events();
        this.rateBitsPerSecond = spec.rateBitsPerSecond();
        this.delayNanos = spec.delayNanos();
    }

    /**
     * Offers a packet arriving at {@code nowNanos}. Times must not go backwards (an earlier time
     * is treated as the latest one seen).
     *
     * @return the time the packet arrives at the far end, or {@link #DROPPED}; then
     *         {@link #lastDropReason()} says why
     */
    public long offer(long nowNanos, int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        long now = Math.max(nowNanos, lastNow);
        lastNow = now;
        applyEventsUpTo(now);
        counters.countOffered();
        if (!up) {
            return drop(DropReason.LINK_DOWN);
        }
        long departure = spec.trace() != null ? serializeOnTrace(now, bytes) : serializeAtRate(now, bytes);
        if (departure == DROPPED) {
            return drop(DropReason.QUEUE_FULL);
        }
        if (spec.lossProbability() > 0 && random.nextDouble() < spec.lossProbability()) {
            return drop(DropReason.RANDOM_LOSS);
        }
        if (spec.burstLoss() != null && burstLost(spec.burstLoss())) {
            return drop(DropReason.BURST_LOSS);
        }
        long delivery = departure + propagationDelay();
        if (!spec.allowReorder()) {
            delivery = Math.max(delivery, lastDelivery);
            lastDelivery = delivery;
        }
        counters.countAccepted(bytes);
        return delivery;
    }

    /** Why the last {@link #DROPPED} answer was given; null before the first drop. */
    public DropReason lastDropReason() {
        return lastDropReason;
    }

    public LinkCounters counters() {
        return counters;
    }

    /** Absolute time of the next scheduled event not yet applied, or {@link Long#MAX_VALUE}. */
    public long nextEventNanos() {
        return nextEvent < events.size() ? originNanos + events.get(nextEvent).atNanos() : Long.MAX_VALUE;
    }

    /** Applies every scheduled event due at or before {@code nowNanos} (offer does this itself). */
    public void applyEventsUpTo(long nowNanos) {
        while (nextEvent < events.size() && originNanos + events.get(nextEvent).atNanos() <= nowNanos) {
            apply(events.get(nextEvent++));
        }
    }

    public boolean isUp() {
        return up;
    }

    /** Takes the link down or brings it back now (outside the scheduled events). */
    public void setUp(boolean up) {
        this.up = up;
    }

    public long rateBitsPerSecond() {
        return rateBitsPerSecond;
    }

    /** Changes the serialization rate for packets offered from now on; 0 = unlimited. */
    public void setRateBitsPerSecond(long bitsPerSecond) {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
        this.rateBitsPerSecond = bitsPerSecond;
    }

    public long delayNanos() {
        return delayNanos;
    }

    /** Changes the propagation delay for packets offered from now on. */
    public void setDelayNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        this.delayNanos = nanos;
    }

    /** Bytes accepted but not yet fully serialized at {@code nowNanos} (tracked only with a byte limit). */
    public long backlogBytes(long nowNanos) {
        releaseDeparted(nowNanos);
        return backlogBytes;
    }

    private void apply(LinkEvent event) {
        if (event instanceof LinkEvent.Down) {
            up = false;
        } else if (event instanceof LinkEvent.Up) {
            up = true;
        } else if (event instanceof LinkEvent.RateChange change) {
            rateBitsPerSecond = change.rateBitsPerSecond();
        } else if (event instanceof LinkEvent.DelayChange change) {
            delayNanos = change.delayNanos();
        }
    }

    private long serializeAtRate(long now, int bytes) {
        long start = rateBitsPerSecond == 0 ? now : Math.max(now, busyUntil);
        if (!fitsQueue(now, start, bytes)) {
            return DROPPED;
        }
        long departure = start + serializationNanos(bytes, rateBitsPerSecond);
        if (rateBitsPerSecond != 0) {
            busyUntil = departure;
        }
        enqueue(departure, bytes);
        return departure;
    }

    /** Mahimahi semantics: each opportunity carries up to 1500 bytes; a packet may span several. */
    private long serializeOnTrace(long now, int bytes) {
        CapacityTrace trace = spec.trace();
        long relativeNow = now - originNanos;
        long k = traceOpportunity;
        int left = traceBytesLeft;
        if (k < 0 || trace.opportunityNanos(k) < relativeNow) {
            // The link was idle: unused opportunities are lost, start at the next one.
            k = trace.firstOpportunityAtOrAfter(relativeNow);
            left = CapacityTrace.OPPORTUNITY_BYTES;
        } else if (left == 0) {
            k++;
            left = CapacityTrace.OPPORTUNITY_BYTES;
        }
        long start = originNanos + trace.opportunityNanos(k);
        if (!fitsQueue(now, start, bytes)) {
            return DROPPED;
        }
        int remaining = bytes;
        while (remaining > left) {
            remaining -= left;
            k++;
            left = CapacityTrace.OPPORTUNITY_BYTES;
        }
        left -= remaining;
        traceOpportunity = k;
        traceBytesLeft = left;
        long departure = originNanos + trace.opportunityNanos(k);
        enqueue(departure, bytes);
        return departure;
    }

    private boolean fitsQueue(long now, long serviceStart, int bytes) {
        QueueLimit limit = spec.queueLimit();
        if (limit.maxDelayNanos() > 0 && serviceStart - now > limit.maxDelayNanos()) {
            return false;
        }
        if (limit.maxBytes() > 0) {
            releaseDeparted(now);
            return backlogBytes + bytes <= limit.maxBytes();
        }
        return true;
    }

    private void enqueue(long departure, int bytes) {
        if (spec.queueLimit().maxBytes() > 0 && departure > lastNow) {
            backlog.addLast(new long[] {departure, bytes});
            backlogBytes += bytes;
        }
    }

    private void releaseDeparted(long now) {
        while (!backlog.isEmpty() && backlog.peekFirst()[0] <= now) {
            backlogBytes -= backlog.pollFirst()[1];
        }
    }

    private boolean burstLost(GilbertElliott ge) {
        if (burstBad) {
            if (random.nextDouble() < ge.r()) {
                burstBad = false;
            }
        } else if (random.nextDouble() < ge.p()) {
            burstBad = true;
        }
        double loss = burstBad ? ge.lossInBad() : ge.lossInGood();
        return loss > 0 && random.nextDouble() < loss;
    }

    private long propagationDelay() {
        long jitter = spec.jitterNanos();
        if (jitter == 0) {
            return delayNanos;
        }
        long sample = delayNanos + random.nextLong(-jitter, jitter + 1);
        return Math.max(0, sample);
    }

    private long drop(DropReason reason) {
        lastDropReason = reason;
        counters.countDropped(reason);
        return DROPPED;
    }

    /** Time to clock {@code bytes} onto a link of {@code rate} bit/s, rounded up; 0 if unlimited. */
    public static long serializationNanos(long bytes, long rateBitsPerSecond) {
        if (rateBitsPerSecond == 0) {
            return 0;
        }
        // bytes * 8e9 overflows a long only beyond ~1.1 GB, far above any datagram.
        long bitNanos = bytes * 8 * NANOS_PER_SECOND;
        return (bitNanos + rateBitsPerSecond - 1) / rateBitsPerSecond;
    }
}
