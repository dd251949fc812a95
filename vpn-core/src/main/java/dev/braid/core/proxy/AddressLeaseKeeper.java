package dev.braid.core.proxy;

import dev.braid.core.files.StateFileWriter;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code address-leases} file in step with the users' last addresses: read once at
 * start, then written ({@link StateFileWriter}) at most once a second when an address changed,
 * and a last time at stop.
 */
final class AddressLeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AddressLeaseKeeper.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final AddressLeaseFile file;
    private final StickyAddresses addresses;
    private final EventLoop loop;
    private final StateFileWriter writer;
    private final ScheduledFuture<?> ticks;

    private AddressLeaseKeeper(AddressLeaseFile file, StickyAddresses addresses, EventLoop loop) {
        this.file = file;
        this.addresses = addresses;
        this.loop = loop;
        this.writer = new StateFileWriter(file.path(), "address leases", "addresses are kept in memory meanwhile");
        this.ticks = loop.scheduleAtFixedRate(this::writeIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    /** Loads the file into {@code addresses} (before the event loop serves logins) and keeps it written. */
    static AddressLeaseKeeper start(AddressLeaseFile file, StickyAddresses addresses, EventLoop loop) throws IOException {
        AddressLeaseFile.Contents contents = file.read();
        addresses.load(contents.leases());
        log.info("address leases: {} user(s) from {}", contents.leases().size(), file.path());
        if (contents.badLines() > 0) {
            log.warn("address leases {}: {} line(s) skipped (not USER ADDRESS); they are rewritten without them",
                    file.path(), contents.badLines());
        }
        return new AddressLeaseKeeper(file, addresses, loop);
    }

    private void writeIfChanged() {
        if (addresses.takeChanged()) {
            writer.write(AddressLeaseFile.text(addresses.snapshot()));
        }
    }

    /** Writes what the users have now, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        ticks.cancel(false);
        try {
            Map<String, Integer> last = loop.inEventLoop() ? addresses.snapshot()
                    : loop.submit(addresses::snapshot).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            writer.write(AddressLeaseFile.text(last));
        } catch (ExecutionException | TimeoutException e) {
            log.warn("address leases {}: the last addresses could not be read at stop ({})", file.path(), e.toString());
        } finally {
            writer.close();
        }
    }
}
