package dev.braid.benchmarks.jmh;

import dev.braid.multilink.protocol.AckMessage;
import dev.braid.multilink.protocol.DataHeader;
import dev.braid.multilink.protocol.DiscardReason;
import dev.braid.multilink.protocol.MultilinkReceiver;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.ReceiverOutput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link MultilinkReceiver#onData} (link tracking, acks every ack-ratio packets, resequencer) per
 * packet, with default settings:
 * <ul>
 *   <li>{@code inOrder}: one link, every packet the next global seq;</li>
 *   <li>{@code twoLinksWithHole}: link A carries the even globals, link B the odd ones and lags
 *       {@value #LAG_STEPS} steps behind, so the resequencer always holds a few packets behind a
 *       hole; one in {@value #LOSS_EVERY} of B's packets is lost (a link seq gap, which the
 *       gap-count rule resolves).</li>
 * </ul>
 * Time moves 10 µs per step; one-way delay 1 ms on A, 1 ms plus the lag on B.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReceiverBench {
    static final int LAG_STEPS = 2;
    static final int LOSS_EVERY = 64;
    private static final long STEP_NANOS = 10_000;
    private static final long OWD_NANOS = 1_000_000;
    private static final int LINK_A = 0;
    private static final int LINK_B = 1;
    private static final Object PACKET = new Object();

    private MultilinkReceiver<Object> inOrderReceiver;
    private MultilinkReceiver<Object> twoLinkReceiver;
    private BlackholeOutput out;
    private long inOrderSeq;
    private long step;

    /** Delivered and discarded packets and acks all go to the blackhole; delivered ones are counted. */
    static final class BlackholeOutput implements ReceiverOutput<Object> {
        final Blackhole bh;
        long delivered;
        long discarded;

        BlackholeOutput(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void deliver(Object packet) {
            delivered++;
            bh.consume(packet);
        }

        @Override
        public void sendAck(int linkId, AckMessage ack) {
            bh.consume(ack);
        }

        @Override
        public void discard(Object packet, DiscardReason reason) {
            discarded++;
            bh.consume(reason);
        }
    }

    @Setup
    public void setUp(Blackhole bh) {
        out = new BlackholeOutput(bh);
        inOrderReceiver = new MultilinkReceiver<>(MultilinkSettings.defaults());
        inOrderReceiver.addLink(0, LINK_A);
        twoLinkReceiver = new MultilinkReceiver<>(MultilinkSettings.defaults());
        twoLinkReceiver.addLink(0, LINK_A);
        twoLinkReceiver.addLink(0, LINK_B);
    }

    /** Fails the run if the receiver threw packets away: then it measured the wrong path. */
    @TearDown
    public void checkNothingDiscarded() {
        if (out.discarded != 0) {
            throw new IllegalStateException(out.discarded + " packets discarded");
        }
    }

    @Benchmark
    public void inOrder() {
        long seq = inOrderSeq++;
        long now = seq * STEP_NANOS + OWD_NANOS;
        DataHeader header = DataHeader.of(seq, seq, seq * STEP_NANOS);
        inOrderReceiver.onData(now, LINK_A, header, PACKET, 1400, out);
    }

    /** One step: A's packet 2n arrives, then B's packet 2(n - lag) + 1 unless it was lost. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void twoLinksWithHole() {
        long n = step++;
        long now = n * STEP_NANOS + OWD_NANOS;
        long globalA = 2 * n;
        twoLinkReceiver.onData(now, LINK_A, DataHeader.of(globalA, n, globalA * STEP_NANOS / 2), PACKET, 1400, out);
        long m = n - LAG_STEPS; // B's link seq
        if (m >= 0 && m % LOSS_EVERY != LOSS_EVERY - 1) {
            long globalB = 2 * m + 1;
            twoLinkReceiver.onData(now, LINK_B, DataHeader.of(globalB, m, globalB * STEP_NANOS / 2), PACKET, 1400, out);
        }
    }
}
