package dev.braid.testbed.bench.realtime;

import dev.braid.core.config.Durations;
import dev.braid.core.config.HostPort;
import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rtprobe send}: the VoIP-like flow's sender. Datagram i leaves at start + i x interval
 * (a late one leaves at once, the schedule does not drift), stamped just before the send; then
 * three END datagrams, 20 ms apart, so a lost one does not leave the receiver waiting.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send COUNT 160-byte probe datagrams, one per interval, to a probe receiver.")
public final class ProbeSendCommand implements Callable<Integer> {
    private static final int END_COPIES = 3;

    @Option(names = "--to", required = true, description = "The receiver, HOST:PORT.")
    String target;

    @Option(names = "--count", required = true, description = "Data datagrams to send (0: only END, to stop a receiver).")
    int count;

    @Option(names = "--interval", defaultValue = "20ms", description = "Between datagrams. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--start-at", paramLabel = "NANOS",
            description = "System.nanoTime() of the first datagram (the caller's clock: one per host); now if absent or past.")
    Long startAt;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress to = HostPort.parse(target).toResolvedAddress();
        long step = Durations.parse(interval).toNanos();
        byte[] buffer = new byte[ProbePacket.PAYLOAD_BYTES];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length, to);
        try (DatagramSocket socket = new DatagramSocket()) {
            long start = Math.max(SystemClock.INSTANCE.nanos(), startAt == null ? 0 : startAt);
            int unsendable = 0;
            for (int seq = 0; seq < count; seq++) {
                waitUntil(start + seq * step);
                ProbePacket.data(seq, SystemClock.INSTANCE.nanos()).encode(buffer);
                unsendable += trySend(socket, datagram);
            }
            for (int copy = 0; copy < END_COPIES; copy++) {
                waitUntil(start + (count + copy) * step);
                ProbePacket.end(count, SystemClock.INSTANCE.nanos()).encode(buffer);
                unsendable += trySend(socket, datagram);
            }
            System.out.println("rtprobe sent " + count + " to " + to
                    + (unsendable > 0 ? " (" + unsendable + " refused by this host: no route while a tunnel restarted)" : ""));
        }
        return 0;
    }

    /** A datagram the host cannot send (no route while the tunnel's device is gone) is lost to the flow, as on a real host. */
    private static int trySend(DatagramSocket socket, DatagramPacket datagram) {
        try {
            socket.send(datagram);
            return 0;
        } catch (IOException e) {
            return 1;
        }
    }

    private static void waitUntil(long nanos) {
        for (long left = nanos - SystemClock.INSTANCE.nanos(); left > 0; left = nanos - SystemClock.INSTANCE.nanos()) {
            LockSupport.parkNanos(left);
        }
    }
}
