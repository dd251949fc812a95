package dev.braid.testbed.bench.sessions;

import dev.braid.core.time.SystemClock;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes the active sessions' traffic: every session sends echo requests of {@code packetBytes}
 * to {@code echoAddress} at {@code bitsPerSecond}, paced by one thread against the clock (a
 * session behind its schedule catches up, a whole tick late counts as skipped, not as sent); what
 * comes back is what the session's TUN was written.
 */
final class EchoTraffic {
    /** One active session's figures over the run. */
    record Result(int session, long sent, long received, long skipped, double seconds, int packetBytes) {
        double sentMbit() {
            return sent * packetBytes * 8.0 / seconds / 1e6;
        }

        double receivedMbit() {
            return received * packetBytes * 8.0 / seconds / 1e6;
        }

        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * Math.max(0, sent - received) / sent;
        }
    }

    private static final long TICK_NANOS = 2_000_000;
    /** A tick later than this skips the packets it owed instead of bursting them. */
    private static final long MAX_CATCH_UP_NANOS = 50_000_000;
    /** Replies still in flight when sending stops. */
    private static final long DRAIN_NANOS = 1_000_000_000;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final int echoAddress;
    private final long bitsPerSecond;
    private final int packetBytes;

    EchoTraffic(int echoAddress, long bitsPerSecond, int packetBytes) {
        this.echoAddress = echoAddress;
        this.bitsPerSecond = bitsPerSecond;
        this.packetBytes = packetBytes;
    }

    List<Result> run(List<GeneratorSession> sessions, long durationNanos) throws InterruptedException {
        int n = sessions.size();
        PushTun[] tuns = new PushTun[n];
        long[] receivedBefore = new long[n];
        long[] sent = new long[n];
        long[] skipped = new long[n];
        for (int i = 0; i < n; i++) {
            tuns[i] = sessions.get(i).tun();
            receivedBefore[i] = tuns[i] == null ? 0 : tuns[i].writtenPackets();
        }
        double packetsPerNano = bitsPerSecond / 8.0 / packetBytes / 1e9;
        long start = SystemClock.INSTANCE.nanos();
        long last = start;
        long now;
        while ((now = SystemClock.INSTANCE.nanos()) - start < durationNanos) {
            boolean late = now - last > MAX_CATCH_UP_NANOS;
            long due = (long) ((now - start) * packetsPerNano);
            for (int i = 0; i < n; i++) {
                GeneratorSession session = sessions.get(i);
                while (sent[i] + skipped[i] < due) {
                    if (late || tuns[i] == null) {
                        skipped[i]++;
                        continue;
                    }
                    int seq = (int) (sent[i] & 0xffff);
                    if (tuns[i].push(EchoPackets.request(alloc, session.virtualAddress(), echoAddress, session.index(),
                            seq, packetBytes))) {
                        sent[i]++;
                    } else {
                        skipped[i]++;
                    }
                }
            }
            last = now;
            Thread.sleep(TICK_NANOS / 1_000_000);
        }
        double seconds = (now - start) / 1e9;
        Thread.sleep(DRAIN_NANOS / 1_000_000);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long received = tuns[i] == null ? 0 : tuns[i].writtenPackets() - receivedBefore[i];
            results.add(new Result(sessions.get(i).index(), sent[i], received, skipped[i], seconds, packetBytes));
        }
        return results;
    }
}
