package dev.braid.core.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a state file (address leases, data usage) on a thread of its own, so that file I/O never
 * runs on an event loop. A failure is logged once, and once more when writing works again.
 */
public final class StateFileWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateFileWriter.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Path path;
    private final String what;
    private final String meanwhile;
    private final ExecutorService writer;
    /** Only the writer thread touches it. */
    private boolean failing;

    /**
     * @param what      what the file holds, for the log ("address leases")
     * @param meanwhile what happens while it cannot be written ("addresses are kept in memory meanwhile")
     */
    public StateFileWriter(Path path, String what, String meanwhile) {
        this.path = path;
        this.what = what;
        this.meanwhile = meanwhile;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "braid-" + what.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
    }

    public Path path() {
        return path;
    }

    /** Queues a write of {@code text} as the whole file; writes happen in the order queued. */
    public void write(String text) {
        writer.execute(() -> {
            try {
                AtomicFile.replace(path, text);
                if (failing) {
                    failing = false;
                    log.info("{} {} written again", what, path);
                }
            } catch (IOException e) {
                if (!failing) {
                    failing = true;
                    log.warn("cannot write {} {}: {}; {}", what, path, e.getMessage(), meanwhile);
                }
            }
        });
    }

    /** Waits (a few seconds at most) for the queued writes, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("{} {}: the last write did not finish within {} s", what, path, CLOSE_WAIT_SECONDS);
        }
    }
}
