package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.Recorders.ReceiverRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the receiver over random multi-link schedules: FIFO links with different delays
 * and jitter, random losses and duplicated datagrams, small and large buffers, and sequence
 * numbers starting near the 32-bit wrap.
 */
class ReceiverPropertiesTest {
    private static final long US = 1_000L;

    private record Arrival(long timeNanos, int order, int linkId, DataHeader header, long global) {
    }

    @Property(tries = 300)
    void deliveredAtMostOnceInOrderAndEverythingAccountedFor(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
            @ForAll @IntRange(min = 1, max = 300) int packets,
            @ForAll @IntRange(min = 1, max = 3) int linkCount,
            @ForAll @IntRange(min = 0, max = 40) int lossPercent,
            @ForAll @IntRange(min = 2, max = 64) int maxBuffered,
            @ForAll boolean nearWrap) {
        Random rnd = new Random(seed);
        MultilinkSettings settings = MultilinkSettings.builder().resequencerMaxPackets(maxBuffered)
                .resequencerMaxHoldNanos(200_000 * US).build();
        MultilinkReceiver<Long> receiver = new MultilinkReceiver<>(settings);
        long clockOffset = rnd.nextLong() / 4;
        long[] delay = new long[linkCount];
        long[] lastArrival = new long[linkCount];
        long[] linkSeq = new long[linkCount];
        for (int l = 0; l < linkCount; l++) {
            delay[l] = (1 + rnd.nextInt(100)) * 1000 * US;
            receiver.addLink(clockOffset, l);
        }
        // Wire values near the wrap: the receiver must still unwrap from 0.
        long wireBase = nearWrap ? (1L << 32) - packets / 2 : 0;
        List<Arrival> arrivals = new ArrayList<>();
        int order = 0;
        Set<Long> arrived = new HashSet<>();
        for (long g = 0; g < packets; g++) {
            int l = rnd.nextInt(linkCount);
            long sent = g * 200 * US;
            DataHeader h = new DataHeader((int) g, (int) (wireBase + linkSeq[l]++), DataHeader.microsOf(sent));
            if (rnd.nextInt(100) < lossPercent) {
                continue;
            }
            long at = Math.max(lastArrival[l], sent + delay[l] + rnd.nextInt(5000) * US);
            lastArrival[l] = at;
            arrivals.add(new Arrival(at + clockOffset, order++, l, h, g));
            arrived.add(g);
            if (rnd.nextInt(100) < 5) {
                arrivals.add(new Arrival(at + clockOffset, order++, l, h, g)); // duplicated datagram
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::timeNanos).thenComparingInt(Arrival::order));

        ReceiverRecorder<Long> out = new ReceiverRecorder<>();
        for (Arrival a : arrivals) {
            runTimersUntil(receiver, a.timeNanos(), out);
            receiver.onData(a.timeNanos(), a.linkId(), a.header(), a.global(), 100, out);
        }
        runTimersUntil(receiver, Long.MAX_VALUE - 1, out);
        receiver.flush(out);

        long previous = -1;
        Set<Long> delivered = new HashSet<>();
        for (long g : out.delivered) {
            assertTrue(g > previous, "in increasing order: " + out.delivered);
            assertTrue(arrived.contains(g), "only what arrived");
            delivered.add(g);
            previous = g;
        }
        for (Recorders.Discarded<Long> d : out.discarded) {
            long copies = arrivals.stream().filter(a -> a.global() == d.packet()).count();
            assertTrue(d.reason() != DiscardReason.DUPLICATE || copies > 1,
                    "only a second copy is a duplicate");
        }
        for (long g : out.deliveredLate) {
            assertTrue(arrived.contains(g) && !delivered.contains(g), "a late packet goes out once, out of order");
            delivered.add(g);
        }
        assertEquals(arrivals.size(), out.delivered.size() + out.deliveredLate.size() + out.discarded.size(),
                "every arrival is delivered or discarded exactly once");
        ResequencerStats s = receiver.stats();
        long highest = receiver.resequencer().highestReceived();
        assertEquals(highest + 1, s.delivered() + s.skipped(),
                "every global seq up to the highest is delivered or counted lost");
        assertEquals(0, s.bufferedPackets());
    }

    private static void runTimersUntil(MultilinkReceiver<Long> receiver, long until, ReceiverRecorder<Long> out) {
        for (int i = 0; i < 100_000; i++) {
            long d = receiver.nextDeadlineNanos();
            if (d > until || d == Long.MAX_VALUE) {
                return;
            }
            receiver.onTimer(d, out);
        }
        throw new AssertionError("timer loop does not converge");
    }
}
