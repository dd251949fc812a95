package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Virtual time around one {@link LinkLiveness}: our data traffic at a fixed spacing, a peer that
 * answers probes (and optionally echoes data) after one RTT while it is alive, and a record of
 * probes sent and visible state changes.
 */
final class LivenessWorld {
    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;
    private static final InetSocketAddress US = new InetSocketAddress("127.0.0.1", 40000);

    record StateChange(long atNanos, LinkState to) {}

    private record Arrival(long atNanos, ProbeReply reply) {}

    final LinkLiveness liveness;
    long now;
    long rttNanos = 20 * MS;
    /** 0 = no data traffic. */
    long trafficEveryNanos;
    boolean peerEchoesTraffic;
    /** Datagrams sent (either way) while the path is dead are lost. */
    long deadFrom = Long.MAX_VALUE;
    long deadUntil = Long.MAX_VALUE;

    long trafficPacketsOut;
    long lastReceiveNanos = -1;
    final List<Long> probeTimes = new ArrayList<>();
    final List<StateChange> changes = new ArrayList<>();
    private final PriorityQueue<Arrival> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos, b.atNanos));
    private long nextTraffic;

    LivenessWorld(ProbeSettings settings) {
        this.liveness = new LinkLiveness(settings, 0);
    }

    static ProbeSettings defaults() {
        return new ProbeSettings(true, 15 * S, 100 * MS, 300 * MS, 150 * MS, 3, 1 * S, 30 * S);
    }

    void startTraffic(long everyNanos, boolean echoed) {
        trafficEveryNanos = everyNanos;
        peerEchoesTraffic = echoed;
        nextTraffic = now;
    }

    void stopTraffic() {
        trafficEveryNanos = 0;
    }

    boolean alive(long at) {
        return at < deadFrom || at >= deadUntil;
    }

    /** Runs events in time order up to and including {@code end}. */
    void runUntil(long end) {
        for (int guard = 0; guard < 10_000_000; guard++) {
            long next = Math.min(end, liveness.nextDeadlineNanos());
            if (!inFlight.isEmpty()) {
                next = Math.min(next, inFlight.peek().atNanos);
            }
            if (trafficEveryNanos > 0) {
                next = Math.min(next, nextTraffic);
            }
            if (next < now) {
                throw new AssertionError("deadline in the past: " + next + " < " + now);
            }
            now = next;
            while (!inFlight.isEmpty() && inFlight.peek().atNanos <= now) {
                Arrival arrival = inFlight.poll();
                lastReceiveNanos = now;
                record(liveness.onReceive(now));
                if (arrival.reply != null) {
                    liveness.onProbeReply(now, arrival.reply);
                }
            }
            if (trafficEveryNanos > 0 && nextTraffic <= now) {
                trafficPacketsOut++;
                if (peerEchoesTraffic && alive(now)) {
                    inFlight.add(new Arrival(now + rttNanos, null));
                }
                nextTraffic = now + trafficEveryNanos;
            }
            if (liveness.nextDeadlineNanos() <= now) {
                record(liveness.onTimer(now, trafficPacketsOut));
            }
            if (now >= end && liveness.nextDeadlineNanos() > end && (inFlight.isEmpty() || inFlight.peek().atNanos > end)) {
                return;
            }
        }
        throw new AssertionError("no progress at " + now);
    }

    private void record(LivenessStep step) {
        if (step.probe() != null) {
            probeTimes.add(now);
            if (alive(now)) {
                Probe p = step.probe();
                inFlight.add(new Arrival(now + rttNanos, new ProbeReply(p.seq(), p.txNanos(), US)));
            }
        }
        if (step.changedTo() != null) {
            changes.add(new StateChange(now, step.changedTo()));
        }
    }

    long probesBetween(long from, long to) {
        return probeTimes.stream().filter(t -> t >= from && t < to).count();
    }
}
