package dev.braid.testbed.bench.path;

import dev.braid.testbed.netns.Netns;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel tbf that is one direction's bottleneck: what leaves {@code device} in {@code ns} at
 * a rate, with a drop-tail queue of a fixed size in bytes (the link's queue at its highest rate,
 * as a real modem's buffer: it holds longer when the rate drops). Its rate can change while
 * packets wait; the queue is kept.
 */
final class Bottleneck {
    private static final long MIN_BURST_BYTES = 16 * 1024;
    private static final long MIN_QUEUE_BYTES = 3 * 1514;
    private static final Pattern BACKLOG = Pattern.compile("backlog (\\d+)b");
    private static final Pattern SENT = Pattern.compile("Sent (\\d+) bytes");

    /**
     * One look at the queue: how long its backlog takes to leave at the current rate (ms), and the
     * bytes it has passed on since it was installed; NaN and -1 where unreadable.
     */
    record Reading(double queueDelayMs, long sentBytes) {
        static final Reading NONE = new Reading(Double.NaN, -1);
    }

    private final Netns ns;
    private final String device;
    private final long queueBytes;
    private volatile double rateMbit;

    private Bottleneck(Netns ns, String device, long queueBytes) {
        this.ns = ns;
        this.device = device;
        this.queueBytes = queueBytes;
    }

    static Bottleneck install(Netns ns, String device, PathLink link) {
        double highest = link.rateStepsMbit().stream().mapToDouble(Double::doubleValue).max().orElse(link.rateMbit());
        long queueBytes = Math.max(MIN_QUEUE_BYTES, Math.round(highest * 1e6 / 8 * link.queueMs() / 1000));
        Bottleneck bottleneck = new Bottleneck(ns, device, queueBytes);
        bottleneck.apply("add", link.rateAt(0));
        return bottleneck;
    }

    void setRate(double mbit) {
        apply("change", mbit);
    }

    private void apply(String verb, double mbit) {
        // tbf needs a bucket of at least one timer tick at the rate; 2 ms of it above 64 Mbit/s.
        long burst = Math.max(MIN_BURST_BYTES, Math.round(mbit * 1e6 / 8 * 0.002));
        ns.run("tc", "qdisc", verb, "dev", device, "root", "tbf", "rate", Math.round(mbit * 1000) + "kbit",
                "burst", String.valueOf(burst), "limit", String.valueOf(queueBytes));
        rateMbit = mbit;
    }

    /** The queue's backlog and sent bytes now ({@link Reading#NONE} if tc could not say). */
    Reading read() {
        Netns.Result stats = ns.exec(Duration.ofSeconds(5), "tc", "-s", "qdisc", "show", "dev", device);
        Matcher backlog = BACKLOG.matcher(stats.output());
        Matcher sent = SENT.matcher(stats.output());
        if (!stats.ok() || !backlog.find() || !sent.find()) {
            return Reading.NONE;
        }
        return new Reading(Long.parseLong(backlog.group(1)) * 8 / (rateMbit * 1e6) * 1000, Long.parseLong(sent.group(1)));
    }
}
