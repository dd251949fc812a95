package dev.braid.core.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} on its own thread when a file's {@link FileStamp} changes, polled at an
 * interval. Polling rather than a WatchService: it sees a file replaced by rename, a directory
 * created later and network file systems alike, and costs one stat per interval.
 */
public final class FileWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileWatch.class);

    private final Path file;
    private final Runnable onChange;
    private final ScheduledExecutorService executor;
    private FileStamp last;

    private FileWatch(Path file, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.last = FileStamp.of(file);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "braid-file-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling {@code file} every {@code interval}; its state now is the baseline. */
    public static FileWatch start(Path file, Duration interval, Runnable onChange) {
        FileWatch watch = new FileWatch(file, onChange);
        watch.executor.scheduleWithFixedDelay(watch::poll, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        return watch;
    }

    private void poll() {
        FileStamp now = FileStamp.of(file);
        if (now.equals(last)) {
            return;
        }
        last = now;
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.warn("after {} changed: {}", file, e.toString()); // keep watching
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }
}
