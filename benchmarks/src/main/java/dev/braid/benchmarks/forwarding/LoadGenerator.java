package dev.braid.benchmarks.forwarding;

import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.InMemoryTun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one {@link InProcessTunnel}: a generator thread injects packets into the client's TUN as
 * fast as the tunnel takes them, keeping at most {@code inFlight} injected but not yet delivered
 * at the proxy's TUN (so the tunnel, not a drop storm, is measured). Deliveries are counted and
 * released on the proxy's thread. If nothing is delivered for {@value #STALL_MILLIS} ms the
 * generator assumes its in-flight packets lost and refills its window (counted as a stall).
 */
final class LoadGenerator implements AutoCloseable {
    static final long STALL_MILLIS = 200;

    private final InMemoryTun source;
    private final byte[] template;
    private final int inFlight;
    private final Semaphore window;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    LoadGenerator(InProcessTunnel tunnel, int size, int inFlight) {
        this.source = tunnel.clientTun();
        this.template = IpPackets.udp(tunnel.clientAddress(), 0x0a63_0001 /* 10.99.0.1 */, size);
        this.inFlight = inFlight;
        this.window = new Semaphore(inFlight);
        tunnel.proxyTun().setWriteListener(packet -> {
            packet.release();
            delivered.incrementAndGet();
            window.release();
        });
        this.thread = new Thread(this::generate, "forwarding-generator");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void generate() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        try {
            while (running) {
                if (!window.tryAcquire(STALL_MILLIS, TimeUnit.MILLISECONDS)) {
                    stalls.incrementAndGet();
                    window.release(Math.max(0, inFlight - window.availablePermits()));
                    continue;
                }
                ByteBuf packet = alloc.heapBuffer(template.length);
                packet.writeBytes(template);
                source.inject(packet); // ownership passes to the TUN
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A consistent-enough reading of the counters and the CPU clocks. */
    record Snapshot(long nanos, long delivered, long processCpuNanos, long generatorCpuNanos, long stalls) {}

    Snapshot snapshot() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long generatorCpu = threads.getThreadCpuTime(thread.getId());
        return new Snapshot(SystemClock.INSTANCE.nanos(), delivered.get(), processCpuNanos(), Math.max(0, generatorCpu),
                stalls.get());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        running = false;
        window.release(inFlight); // wake a generator waiting for room
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
