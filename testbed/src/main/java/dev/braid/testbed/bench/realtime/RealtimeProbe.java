package dev.braid.testbed.bench.realtime;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the VoIP-like flow once between two namespaces of a {@link World}: a {@code braid rtprobe
 * receive} JVM in one, a {@code braid rtprobe send} JVM in the other (both stopped with the world
 * if anything fails), and returns what the receiver saw. Every run has its own port, so a
 * straggler of an earlier run never counts in a later one.
 */
public final class RealtimeProbe {
    /** 20 ms between datagrams: 50 packets/s of 160 bytes, a G.711 call without its RTP header. */
    public static final Duration INTERVAL = Duration.ofMillis(20);
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(6301);
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** Beyond LINGER, for the last datagrams' path delay and a busy machine. */
    private static final Duration END_WAIT = Duration.ofSeconds(3);

    /** The receiver's arrivals and their statistics. */
    public record Result(ProbeStats stats, List<ProbeSample> samples) {}

    private final World world;

    public RealtimeProbe(World world) {
        this.world = world;
    }

    /** The number of datagrams a probe of {@code duration} sends. */
    public static int count(Duration duration) {
        return (int) (duration.toNanos() / INTERVAL.toNanos());
    }

    /** As {@link #run(Netns, Netns, String, Duration, long)}, starting as soon as the sender runs. */
    public Result run(Netns senderNs, Netns receiverNs, String receiverAddress, Duration duration)
            throws IOException, InterruptedException {
        return run(senderNs, receiverNs, receiverAddress, duration, 0);
    }

    /**
     * Sends for {@code duration} from {@code senderNs} to {@code receiverAddress} (an address of
     * {@code receiverNs}) and blocks until the receiver has written what it got.
     *
     * @param startAtNanos {@link SystemClock} time of the first datagram (to line the flow up with
     *                     another one, e.g. after a bulk flow's slow start); 0 or past: at once
     */
    public Result run(Netns senderNs, Netns receiverNs, String receiverAddress, Duration duration, long startAtNanos)
            throws IOException, InterruptedException {
        int port = NEXT_PORT.getAndIncrement();
        int count = count(duration);
        Path file = world.dir().resolve("rtprobe-" + port + ".csv");
        long waitForStart = Math.max(0, startAtNanos - SystemClock.INSTANCE.nanos());
        Duration bound = duration.plus(STARTUP).plusNanos(waitForStart);
        String receiverLog = "rtprobe-receive-" + port + ".log";
        Process receiver = world.start(receiverNs, receiverLog, Braid.command("rtprobe", "receive",
                "--port", String.valueOf(port), "--out", file.toString(), "--linger", LINGER.toMillis() + "ms",
                "--max-seconds", String.valueOf(bound.plus(STARTUP).toSeconds())).toArray(String[]::new));
        try {
            World.await("rtprobe receiver on port " + port, STARTUP,
                    () -> !receiver.isAlive() || world.log(receiverLog).contains(ProbeReceiveCommand.READY));
            check(receiver.isAlive(), "rtprobe receiver exited: " + world.log(receiverLog));
            String senderLog = "rtprobe-send-" + port + ".log";
            List<String> send = Braid.command("rtprobe", "send", "--to", receiverAddress + ":" + port,
                    "--count", String.valueOf(count), "--interval", INTERVAL.toMillis() + "ms");
            if (startAtNanos > 0) {
                send.addAll(List.of("--start-at", String.valueOf(startAtNanos)));
            }
            Process sender = world.start(senderNs, senderLog, send.toArray(String[]::new));
            boolean sent = sender.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!sent) {
                World.stop(sender, Duration.ofSeconds(2)); // not left sending into the next probe
            }
            check(sent && sender.exitValue() == 0, "rtprobe sender did not finish within " + bound + ": "
                    + world.log(senderLog));
            // The receiver stops LINGER after END. If every END was lost (a cut, a dead tunnel), an
            // END over the receiver's own loopback stops it, so such a probe reports its loss.
            if (!receiver.waitFor(LINGER.plus(END_WAIT).toMillis(), TimeUnit.MILLISECONDS)) {
                world.start(receiverNs, "rtprobe-end-" + port + ".log", Braid.command("rtprobe", "send",
                        "--to", "127.0.0.1:" + port, "--count", "0").toArray(String[]::new));
            }
            check(receiver.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS) && receiver.exitValue() == 0,
                    "rtprobe receiver did not finish: " + world.log(receiverLog));
            List<ProbeSample> samples = ProbeSamples.read(file);
            return new Result(ProbeStats.of(samples, count, INTERVAL), samples);
        } finally {
            if (receiver.isAlive()) {
                World.stop(receiver, Duration.ofSeconds(2));
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
