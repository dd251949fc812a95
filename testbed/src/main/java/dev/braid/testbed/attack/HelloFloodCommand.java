package dev.braid.testbed.attack;

import dev.braid.core.config.Durations;
import dev.braid.core.config.HostPort;
import dev.braid.core.login.LoginMessages;
import dev.braid.core.time.SystemClock;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A HELLO flood from one address, as the issue-19 attack: HELLOs at a fixed rate, and every
 * COOKIE the proxy sends echoed in the following HELLOs, so the flood is a proven address that
 * the per-address budget must hold. For testing a proxy you run, in namespaces or on loopback.
 */
@Command(name = "hello-flood", mixinStandardHelpOptions = true,
        description = "Send login HELLOs to a proxy you run at a fixed rate, echoing its cookies (attack testing).")
public final class HelloFloodCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, description = "the proxy, HOST:PORT")
    String target;

    @Option(names = "--rate", defaultValue = "1000", description = "HELLOs per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", description = "how long (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--user", defaultValue = "alice", description = "user name in the HELLOs")
    String user;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress to = HostPort.parse(target).toResolvedAddress();
        long end = SystemClock.INSTANCE.nanos() + Durations.parse(duration).toNanos();
        long interval = Duration.ofSeconds(1).toNanos() / Math.max(1, rate);
        byte[] hello = datagram(new byte[0]);
        long sent = 0;
        long cookies = 0;
        long otherReplies = 0;
        byte[] in = new byte[2048];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1);
            long next = SystemClock.INSTANCE.nanos();
            while (SystemClock.INSTANCE.nanos() < end) {
                socket.send(new DatagramPacket(hello, hello.length, to));
                sent++;
                next += interval;
                DatagramPacket reply = new DatagramPacket(in, in.length);
                try {
                    socket.receive(reply);
                    if ((in[0] & 0x0f) == MessageType.COOKIE.code()
                            && reply.getLength() == BraidHeader.LENGTH + 1 + 2 * LoginMessages.COOKIE_LENGTH) {
                        hello = datagram(Arrays.copyOfRange(in, reply.getLength() - LoginMessages.COOKIE_LENGTH,
                                reply.getLength()));
                        cookies++;
                    } else {
                        otherReplies++;
                    }
                } catch (SocketTimeoutException nothing) {
                    // nothing came back this time
                }
                LockSupport.parkNanos(next - SystemClock.INSTANCE.nanos());
            }
        }
        System.out.println("hello-flood: sent " + sent + " HELLOs to " + to + ", " + cookies + " cookies back, "
                + otherReplies + " other replies");
        return 0;
    }

    /** The same client nonce (zero) every time, so one cookie serves the whole flood. */
    private byte[] datagram(byte[] cookie) {
        byte[] body = LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, user, new byte[16], cookie);
        ByteBuf out = Unpooled.buffer(BraidHeader.LENGTH + body.length);
        try {
            new BraidHeader(MessageType.HELLO, 0, 0, 0, 0).writeTo(out);
            out.writeBytes(body);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
