package dev.braid.testbed.bench.path;

import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.testbed.demo.StatusText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue the tunnel keeps at each bottleneck while a flow runs: every interval it reads the
 * sending end's {@code braid status} and takes, per link, the engine's smoothed RTT less the
 * link's minimum RTT. Reports the median per link.
 */
final class QueueSampler implements AutoCloseable {
    private final Path socket;
    private final List<String> linkNames;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private QueueSampler(Path socket, List<String> linkNames, long intervalMillis) {
        this.socket = socket;
        this.linkNames = List.copyOf(linkNames);
        linkNames.forEach(name -> samples.put(name, new ArrayList<>()));
        this.thread = new Thread(() -> sample(intervalMillis), "queue-sampler");
        this.thread.setDaemon(true);
    }

    /** Samples {@code linkNames} from the status at {@code socket} until closed. */
    static QueueSampler start(Path socket, List<String> linkNames, long intervalMillis) {
        QueueSampler sampler = new QueueSampler(socket, linkNames, intervalMillis);
        sampler.thread.start();
        return sampler;
    }

    private void sample(long intervalMillis) {
        while (running) {
            try {
                StatusText status = StatusText.parse(ControlSocket.request(socket, "status"));
                synchronized (samples) {
                    for (String name : linkNames) {
                        double srtt = status.multilink(name, "srtt");
                        double minRtt = status.multilink(name, "min-rtt");
                        if (srtt > 0 && minRtt > 0) {
                            samples.get(name).add(srtt - minRtt);
                        }
                    }
                }
                Thread.sleep(intervalMillis);
            } catch (IOException e) {
                return; // the tunnel went away; what was sampled stands
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Median queueing delay per link in ms (NaN for a link without samples). */
    Map<String, Double> medians() {
        Map<String, Double> medians = new LinkedHashMap<>();
        synchronized (samples) {
            samples.forEach((name, values) -> medians.put(name, Stats.median(values)));
        }
        return medians;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
