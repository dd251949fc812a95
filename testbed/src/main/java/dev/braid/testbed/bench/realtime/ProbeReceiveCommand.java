package dev.braid.testbed.bench.realtime;

import dev.braid.core.config.Durations;
import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rtprobe receive}: the VoIP-like flow's receiver. Stamps each probe datagram as the
 * receive call returns it and keeps every arrival (duplicates too); stops {@code --linger} after
 * the first END (late copies and reordered packets still count) or at {@code --max-seconds},
 * then writes the arrivals to {@code --out}.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive probe datagrams on a UDP port and write each arrival (seq, sent and received nanoTime).")
public final class ProbeReceiveCommand implements Callable<Integer> {
    static final String READY = "rtprobe listening";
    private static final int POLL_MILLIS = 50;

    @Option(names = "--port", required = true, description = "UDP port to listen on (every address).")
    int port;

    @Option(names = "--out", required = true, description = "File for the arrivals (seq,sent_ns,received_ns).")
    Path out;

    @Option(names = "--linger", defaultValue = "1s", description = "How long to wait after END. Default: ${DEFAULT-VALUE}.")
    String linger;

    @Option(names = "--max-seconds", defaultValue = "600", description = "Stop at the latest after this. Default: ${DEFAULT-VALUE}.")
    int maxSeconds;

    @Override
    public Integer call() throws IOException {
        long lingerNanos = Durations.parse(linger).toNanos();
        long deadline = SystemClock.INSTANCE.nanos() + maxSeconds * 1_000_000_000L;
        List<ProbeSample> samples = new ArrayList<>();
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(port))) {
            socket.setSoTimeout(POLL_MILLIS);
            System.out.println(READY + " on " + port);
            for (long now = SystemClock.INSTANCE.nanos(); now < deadline; now = SystemClock.INSTANCE.nanos()) {
                try {
                    socket.receive(datagram);
                } catch (SocketTimeoutException nothingYet) {
                    continue;
                }
                long received = SystemClock.INSTANCE.nanos();
                ProbePacket packet = ProbePacket.decode(buffer, datagram.getLength());
                if (packet == null) {
                    continue;
                }
                if (packet.kind() == ProbePacket.Kind.END) {
                    deadline = Math.min(deadline, received + lingerNanos);
                } else {
                    samples.add(new ProbeSample(packet.seq(), packet.sentNanos(), received));
                }
            }
        }
        ProbeSamples.write(out, samples);
        System.out.println("rtprobe received " + samples.size() + " datagrams into " + out);
        return 0;
    }
}
