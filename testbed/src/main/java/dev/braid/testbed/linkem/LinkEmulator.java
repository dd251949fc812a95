package dev.braid.testbed.linkem;

import dev.braid.core.time.Clock;
import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.LinkModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real-time UDP relay that emulates one link and a NAT box in front of it.
 *
 * <p>Flow of a datagram:
 * <ol>
 *   <li>I/O thread: a client datagram arrives on the listen socket; its source finds (or gets) a
 *       NAT mapping with its own outward socket, i.e. its own source port towards the target;</li>
 *   <li>I/O thread: the up {@link LinkModel} says when it arrives at the far end, or drops it;</li>
 *   <li>delivery thread: at that time the datagram leaves through the mapping's outward socket;</li>
 *   <li>replies arriving on an outward socket go the same way through the down model and leave
 *       through the listen socket towards the mapping's client.</li>
 * </ol>
 * Each model is touched by the I/O thread only; control calls are handed to it as tasks.
 */
public final class LinkEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkEmulator.class);
    private static final int MAX_DATAGRAM = 65_535;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final int READS_PER_WAKEUP = 64;
    private static final long CONTROL_TIMEOUT_SECONDS = 5;

    private final LinkemConfig config;
    private final Clock clock;
    private final Selector selector;
    private final DatagramChannel listenChannel;
    private final InetSocketAddress boundListen;
    private final LinkModel upModel;
    private final LinkModel downModel;
    private final DirectionCounters upCounters = new DirectionCounters();
    private final DirectionCounters downCounters = new DirectionCounters();
    private final DeliveryScheduler scheduler;
    private final Map<InetSocketAddress, NatMapping> mappings = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Thread ioThread;
    private final long sweepIntervalMillis;
    private volatile boolean running = true;
    private volatile int activeMappings;
    private volatile long mappingsCreated;

    private LinkEmulator(LinkemConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.selector = Selector.open();
        this.listenChannel = openChannel(config.listen());
        this.boundListen = (InetSocketAddress) listenChannel.getLocalAddress();
        listenChannel.register(selector, SelectionKey.OP_READ, null);
        long origin = clock.nanos();
        this.upModel = new LinkModel(config.link().up(), config.seed(), origin);
        this.downModel = new LinkModel(config.link().down(), config.seed() * 31 + 17, origin);
        long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(config.natTimeoutNanos());
        this.sweepIntervalMillis = timeoutMillis == 0 ? 1000 : Math.max(5, Math.min(1000, timeoutMillis / 4));
        this.scheduler = new DeliveryScheduler(clock, "linkem-deliver-" + boundListen.getPort());
        this.ioThread = new Thread(this::ioLoop, "linkem-io-" + boundListen.getPort());
        this.ioThread.setDaemon(true);
    }

    /** Binds the listen socket and starts relaying; the models' time origin is now. */
    public static LinkEmulator start(LinkemConfig config) throws IOException {
        return start(config, SystemClock.INSTANCE);
    }

    /** As {@link #start(LinkemConfig)}, with the real-time clock to use (must advance in real time). */
    public static LinkEmulator start(LinkemConfig config, Clock clock) throws IOException {
        LinkEmulator emulator = new LinkEmulator(Objects.requireNonNull(config, "config"), clock);
        emulator.ioThread.start();
        log.info("linkem {} -> {} up [{}] down [{}] nat-timeout {} ms filtering {}", emulator.boundListen,
                config.target(), config.link().up(), config.link().down(),
                TimeUnit.NANOSECONDS.toMillis(config.natTimeoutNanos()),
                config.endpointDependentFiltering() ? "endpoint-dependent" : "endpoint-independent");
        return emulator;
    }

    /** The bound listen address (with the actual port if 0 was asked for). */
    public InetSocketAddress listenAddress() {
        return boundListen;
    }

    public LinkemConfig config() {
        return config;
    }

    public DirectionCounters counters(Direction direction) {
        return direction == Direction.UP ? upCounters : downCounters;
    }

    /** NAT mappings currently alive. */
    public int activeMappings() {
        return activeMappings;
    }

    /** NAT mappings created since start (each one a new outward port). */
    public long mappingsCreated() {
        return mappingsCreated;
    }

    /** How late the delivery thread sent datagrams relative to their modeled times (ns). */
    public Histogram deliveryLateness() {
        return scheduler.lateness();
    }

    /** Takes both directions down (true) or brings them up, now. */
    public void setLinkUp(boolean up) {
        runOnIoThread(() -> {
            upModel.setUp(up);
            downModel.setUp(up);
        });
    }

    /** Changes one direction's rate (bit/s, 0 = unlimited) for datagrams arriving from now on. */
    public void setRate(Direction direction, long bitsPerSecond) {
        runOnIoThread(() -> model(direction).setRateBitsPerSecond(bitsPerSecond));
    }

    /** Changes one direction's one-way delay for datagrams arriving from now on. */
    public void setDelay(Direction direction, long nanos) {
        runOnIoThread(() -> model(direction).setDelayNanos(nanos));
    }

    /**
     * Rebinds every NAT mapping now, as a NAT box that lost its state would: each client's
     * traffic leaves from a new outward port, and replies to the old port are lost.
     */
    public void rebindNow() {
        runOnIoThread(() -> {
            for (NatMapping mapping : mappings.values()) {
                DatagramChannel old = mapping.channel;
                mapping.channel = openOutward(mapping);
                closeQuietly(old);
                mappingsCreated++;
            }
        });
    }

    /** Forgets every NAT mapping now: the next datagram of each client gets a new outward port. */
    public void forgetMappings() {
        runOnIoThread(() -> {
            for (NatMapping mapping : new ArrayList<>(mappings.values())) {
                expire(mapping);
            }
        });
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            ioThread.join(TimeUnit.SECONDS.toMillis(CONTROL_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
        for (NatMapping mapping : mappings.values()) {
            closeQuietly(mapping.channel);
        }
        closeQuietly(listenChannel);
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing selector", e);
        }
        log.info("linkem {} closed: up {} / down {}", boundListen, upCounters, downCounters);
    }

    private LinkModel model(Direction direction) {
        return direction == Direction.UP ? upModel : downModel;
    }

    /** Runs a control task on the I/O thread and waits for it, so its effect is visible on return. */
    private void runOnIoThread(Runnable task) {
        if (!running) {
            throw new IllegalStateException("emulator is closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            done.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("control task failed", e);
        }
    }

    private void ioLoop() {
        long nextSweep = 0;
        while (running) {
            try {
                selector.select(sweepIntervalMillis);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        readFrom(key);
                    }
                }
                selector.selectedKeys().clear();
                long now = clock.nanos();
                if (now - nextSweep >= 0) {
                    sweepIdleMappings(now);
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(sweepIntervalMillis);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("linkem {}: I/O loop error, continuing", boundListen, e);
                }
            }
        }
    }

    private void readFrom(SelectionKey key) throws IOException {
        DatagramChannel channel = (DatagramChannel) key.channel();
        NatMapping mapping = (NatMapping) key.attachment();
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            receiveBuffer.clear();
            SocketAddress source;
            try {
                source = channel.receive(receiveBuffer);
            } catch (IOException e) {
                // e.g. ICMP port unreachable reported on a later receive: skip it.
                log.debug("linkem {}: receive failed", boundListen, e);
                continue;
            }
            if (source == null) {
                return;
            }
            receiveBuffer.flip();
            long now = clock.nanos();
            if (mapping == null) {
                fromClient((InetSocketAddress) source, copyOf(receiveBuffer), now);
            } else {
                fromTarget(mapping, channel, (InetSocketAddress) source, copyOf(receiveBuffer), now);
            }
        }
    }

    private void fromClient(InetSocketAddress client, ByteBuffer datagram, long now) {
        upCounters.countReceived();
        NatMapping mapping = mappings.get(client);
        if (mapping != null && mapping.isExpired(now, config.natTimeoutNanos())) {
            expire(mapping);
            mapping = null;
        }
        if (mapping == null) {
            mapping = createMapping(client, now);
        }
        mapping.lastActivityNanos = now;
        NatMapping via = mapping;
        forward(upModel, upCounters, datagram, now, d -> send(via.channel, d, config.target(), upCounters));
    }

    private void fromTarget(NatMapping mapping, DatagramChannel channel, InetSocketAddress source,
                            ByteBuffer datagram, long now) {
        downCounters.countReceived();
        if (mapping.channel != channel || mapping.isExpired(now, config.natTimeoutNanos())) {
            downCounters.countDropped(RelayDropReason.NAT_NO_MAPPING);
            return;
        }
        if (config.endpointDependentFiltering() && !source.equals(config.target())) {
            downCounters.countDropped(RelayDropReason.NAT_FILTERED);
            return;
        }
        mapping.lastActivityNanos = now;
        forward(downModel, downCounters, datagram, now, d -> send(listenChannel, d, mapping.client, downCounters));
    }

    private void forward(LinkModel model, DirectionCounters counters, ByteBuffer datagram, long now,
                         Consumer<ByteBuffer> sender) {
        long deliverAt = model.offer(now, datagram.remaining());
        if (deliverAt == LinkModel.DROPPED) {
            counters.countDropped(RelayDropReason.of(model.lastDropReason()));
            return;
        }
        scheduler.schedule(deliverAt, () -> sender.accept(datagram));
    }

    /** Runs on the delivery thread. */
    private static void send(DatagramChannel channel, ByteBuffer datagram, InetSocketAddress to,
                             DirectionCounters counters) {
        int bytes = datagram.remaining();
        try {
            if (channel.send(datagram, to) == bytes) {
                counters.countForwarded(bytes);
                return;
            }
        } catch (IOException e) {
            // closed by a rebinding or expiry meanwhile, or the kernel refused it: count and go on
        }
        counters.countDropped(RelayDropReason.SEND_FAILED);
    }

    private NatMapping createMapping(InetSocketAddress client, long now) {
        NatMapping mapping = new NatMapping(client, null, now);
        mapping.channel = openOutward(mapping);
        mappings.put(client, mapping);
        activeMappings = mappings.size();
        mappingsCreated++;
        return mapping;
    }

    private DatagramChannel openOutward(NatMapping mapping) {
        try {
            DatagramChannel channel = openChannel(config.outwardBind());
            channel.register(selector, SelectionKey.OP_READ, mapping);
            log.debug("linkem {}: client {} maps to {}", boundListen, mapping.client, channel.getLocalAddress());
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open an outward socket", e);
        }
    }

    private void expire(NatMapping mapping) {
        mappings.remove(mapping.client);
        activeMappings = mappings.size();
        closeQuietly(mapping.channel);
    }

    private void sweepIdleMappings(long now) {
        if (config.natTimeoutNanos() == 0) {
            return;
        }
        List<NatMapping> idle = new ArrayList<>();
        for (NatMapping mapping : mappings.values()) {
            if (mapping.isExpired(now, config.natTimeoutNanos())) {
                idle.add(mapping);
            }
        }
        idle.forEach(this::expire);
    }

    private static DatagramChannel openChannel(InetSocketAddress bind) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(bind);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static ByteBuffer copyOf(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        return copy;
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing channel", e);
        }
    }
}
