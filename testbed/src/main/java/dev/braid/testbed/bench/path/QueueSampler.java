package dev.braid.testbed.bench.path;

import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.time.SystemClock;
import dev.braid.testbed.demo.StatusText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue the tunnel keeps at each bottleneck while a flow runs, seen two ways every interval:
 * by the engine (the sending end's {@code braid status}: per link the smoothed RTT less the
 * link's minimum RTT, which also holds jitter and the hosts' own delays) and by the kernel (the
 * bytes waiting in the link's tbf at its current rate). Reports the median of each per link, and
 * the rate each bottleneck passed on over time (from tbf's byte counter: what the link carried,
 * tunnel overhead included).
 */
final class QueueSampler implements AutoCloseable {
    private final Path socket;
    private final Map<String, Bottleneck> bottlenecks;
    private final Map<String, List<Double>> engine = new LinkedHashMap<>();
    private final Map<String, List<Double>> kernel = new LinkedHashMap<>();
    private final Map<String, LinkRateTrace> rates = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private QueueSampler(Path socket, Map<String, Bottleneck> bottlenecks, long intervalMillis) {
        this.socket = socket;
        this.bottlenecks = Map.copyOf(bottlenecks);
        bottlenecks.keySet().forEach(name -> {
            engine.put(name, new ArrayList<>());
            kernel.put(name, new ArrayList<>());
            rates.put(name, new LinkRateTrace());
        });
        this.thread = new Thread(() -> sample(intervalMillis), "queue-sampler");
        this.thread.setDaemon(true);
    }

    /**
     * Samples the links (name -> the bottleneck of the flow's direction) until closed; the engine's
     * view only if {@code socket} (the sending end's control socket) is not null.
     */
    static QueueSampler start(Path socket, Map<String, Bottleneck> bottlenecks, long intervalMillis) {
        QueueSampler sampler = new QueueSampler(socket, bottlenecks, intervalMillis);
        sampler.thread.start();
        return sampler;
    }

    private void sample(long intervalMillis) {
        long start = SystemClock.INSTANCE.nanos();
        while (running) {
            StatusText status = socket == null ? null : status();
            synchronized (this) {
                bottlenecks.forEach((name, bottleneck) -> {
                    Bottleneck.Reading reading = bottleneck.read();
                    add(kernel, name, reading.queueDelayMs());
                    rates.get(name).add((SystemClock.INSTANCE.nanos() - start) / 1e9, reading.sentBytes());
                    if (status != null) {
                        add(engine, name, status.multilink(name, "srtt") - status.multilink(name, "min-rtt"));
                    }
                });
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private StatusText status() {
        try {
            return StatusText.parse(ControlSocket.request(socket, "status"));
        } catch (IOException e) {
            return null; // the tunnel is going away; the kernel's view stands
        }
    }

    private static void add(Map<String, List<Double>> samples, String name, double value) {
        if (!Double.isNaN(value) && value >= 0) {
            samples.get(name).add(value);
        }
    }

    /** Median srtt above min RTT per link, in ms (empty without a control socket). */
    synchronized Map<String, Double> engineMedians() {
        return socket == null ? Map.of() : medians(engine);
    }

    /** Median time the bottleneck's backlog takes to drain per link, in ms. */
    synchronized Map<String, Double> bottleneckMedians() {
        return medians(kernel);
    }

    private static Map<String, Double> medians(Map<String, List<Double>> samples) {
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, values) -> medians.put(name, Stats.median(values)));
        return medians;
    }

    /** Per link {times in s, Mbit/s over the interval ending then}. */
    synchronized Map<String, double[][]> rateSeries() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        rates.forEach((name, trace) -> series.put(name, trace.series()));
        return series;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
