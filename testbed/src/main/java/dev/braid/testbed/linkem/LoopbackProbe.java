package dev.braid.testbed.linkem;

import dev.braid.core.time.Clock;
import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A measuring pair on loopback: a client socket that sends numbered, time-stamped datagrams
 * through a {@link LinkEmulator}, and a target socket whose thread records when each arrived.
 * Bounded by a packet count; used by {@link LinkemAccuracyBench} and the emulator tests.
 */
public final class LoopbackProbe implements AutoCloseable {

    private static final int HEADER = 16; // sequence number + send time
    private final Clock clock = SystemClock.INSTANCE;
    private final DatagramSocket client;
    private final DatagramSocket target;
    private final long[] sentAt;
    private final long[] arrivedAt;
    private final Thread receiver;
    private volatile int received;
    private volatile long receivedBytes;
    private volatile long firstArrival;
    private volatile long lastArrival;
    private volatile boolean closed;
    private int sent;

    /** Binds both sockets on 127.0.0.1; at most {@code maxPackets} are sent. */
    public LoopbackProbe(int maxPackets) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.client = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.target = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.target.setReceiveBufferSize(4 << 20);
        this.target.setSoTimeout(100);
        this.client.setSendBufferSize(4 << 20);
        this.sentAt = new long[maxPackets];
        this.arrivedAt = new long[maxPackets];
        this.receiver = new Thread(this::receiveLoop, "probe-receiver");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    public InetSocketAddress targetAddress() {
        return (InetSocketAddress) target.getLocalSocketAddress();
    }

    /**
     * Sends {@code count} datagrams of {@code payloadBytes} to {@code to}, one every
     * {@code intervalNanos} (0 = as fast as possible), on the calling thread.
     */
    public void send(InetSocketAddress to, int count, int payloadBytes, long intervalNanos) throws IOException {
        if (payloadBytes < HEADER) {
            throw new IllegalArgumentException("payload must hold the " + HEADER + "-byte header");
        }
        int n = Math.min(count, sentAt.length - sent);
        byte[] data = new byte[payloadBytes];
        ByteBuffer header = ByteBuffer.wrap(data);
        DatagramPacket packet = new DatagramPacket(data, payloadBytes, to);
        long start = clock.nanos();
        for (int i = 0; i < n; i++) {
            if (intervalNanos > 0) {
                long due = start + i * intervalNanos;
                for (long wait = due - clock.nanos(); wait > 0; wait = due - clock.nanos()) {
                    LockSupport.parkNanos(wait);
                }
            }
            int seq = sent++;
            long now = clock.nanos();
            sentAt[seq] = now;
            header.putLong(0, seq).putLong(8, now);
            client.send(packet);
        }
    }

    /** Waits until {@code count} datagrams arrived or {@code timeoutNanos} passed; true if they did. */
    public boolean awaitReceived(int count, long timeoutNanos) {
        long deadline = clock.nanos() + timeoutNanos;
        while (received < count && clock.nanos() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return received >= count;
    }

    /** Waits until nothing arrived for {@code quietNanos}, at most {@code timeoutNanos}. */
    public void awaitQuiet(long quietNanos, long timeoutNanos) {
        long deadline = clock.nanos() + timeoutNanos;
        int seen = -1;
        long since = clock.nanos();
        while (clock.nanos() - deadline < 0) {
            int now = received;
            if (now != seen) {
                seen = now;
                since = clock.nanos();
            } else if (clock.nanos() - since >= quietNanos) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    public int sent() {
        return sent;
    }

    public int received() {
        return received;
    }

    public long receivedBytes() {
        return receivedBytes;
    }

    public long firstArrivalNanos() {
        return firstArrival;
    }

    public long lastArrivalNanos() {
        return lastArrival;
    }

    /** Send time of packet {@code seq}. */
    public long sentAt(int seq) {
        return sentAt[seq];
    }

    /** Arrival time of packet {@code seq}, or 0 if it did not arrive. */
    public long arrivedAt(int seq) {
        return arrivedAt[seq];
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        ByteBuffer view = ByteBuffer.wrap(buffer);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                target.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long now = clock.nanos();
            if (packet.getLength() < HEADER) {
                continue;
            }
            long seq = view.getLong(0);
            if (seq >= 0 && seq < arrivedAt.length) {
                arrivedAt[(int) seq] = now;
            }
            if (received == 0) {
                firstArrival = now;
            }
            lastArrival = now;
            receivedBytes += packet.getLength();
            received++; // single writer: the receiver thread
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
        target.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
