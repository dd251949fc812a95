package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Per-flow delivery over random schedules: several inner flows (some realtime) striped over FIFO
 * links with different delays, random losses and duplicates. Checked after every call: a flow's
 * packets go out in its own order, a packet never waits once its flow predecessor went out, a
 * realtime packet goes out on arrival, and every arrival leaves exactly once.
 */
class FlowResequencingPropertiesTest {
    private static final long US = 1_000L;

    private record Packet(long global, int flow, long previousInFlow, boolean realtime, DataHeader header) {
    }

    private record Arrival(long timeNanos, int order, int linkId, Packet packet) {
    }

    /** Records deliveries with the call in which they happened. */
    private static final class Out implements ReceiverOutput<Long> {
        final Map<Long, Integer> deliveredInCall = new HashMap<>();
        final List<Long> inOrder = new ArrayList<>();
        final Set<Long> late = new HashSet<>();
        int discarded;
        int call;

        @Override
        public void deliver(Long packet) {
            assertTrue(deliveredInCall.put(packet, call) == null, "delivered twice: " + packet);
            inOrder.add(packet);
        }

        @Override
        public void deliverLate(Long packet) {
            assertTrue(deliveredInCall.put(packet, call) == null, "delivered twice: " + packet);
            late.add(packet);
        }

        @Override
        public void sendAck(int linkId, AckMessage ack) {
        }

        @Override
        public void discard(Long packet, DiscardReason reason) {
            discarded++;
        }
    }

    @Property(tries = 300)
    void eachFlowInItsOwnOrderAndNeverHeldByAnother(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
            @ForAll @IntRange(min = 1, max = 400) int packets,
            @ForAll @IntRange(min = 1, max = 3) int linkCount,
            @ForAll @IntRange(min = 1, max = 6) int flowCount,
            @ForAll @IntRange(min = 0, max = 30) int lossPercent,
            @ForAll boolean repair,
            @ForAll boolean align) {
        Random rnd = new Random(seed);
        MultilinkSettings settings = MultilinkSettings.builder().resequencerMaxPackets(4096)
                .repairLosses(repair).alignDelay(align).resequencerMaxHoldNanos(200_000 * US).build();
        MultilinkReceiver<Long> receiver = new MultilinkReceiver<>(settings);
        long[] delay = new long[linkCount];
        long[] lastArrival = new long[linkCount];
        long[] linkSeq = new long[linkCount];
        for (int l = 0; l < linkCount; l++) {
            delay[l] = (1 + rnd.nextInt(60)) * 1000 * US;
            receiver.addLink(0, l);
        }
        boolean[] realtimeFlow = new boolean[flowCount];
        long[] lastInFlow = new long[flowCount];
        for (int f = 0; f < flowCount; f++) {
            realtimeFlow[f] = rnd.nextInt(4) == 0;
            lastInFlow[f] = -1;
        }
        Map<Long, Packet> byGlobal = new HashMap<>();
        List<Arrival> arrivals = new ArrayList<>();
        int order = 0;
        for (long g = 0; g < packets; g++) {
            int f = rnd.nextInt(flowCount);
            int l = rnd.nextInt(linkCount);
            long sent = g * 200 * US;
            int tag = FlowTag.of(g, lastInFlow[f], realtimeFlow[f]);
            Packet p = new Packet(g, f, lastInFlow[f], realtimeFlow[f],
                    DataHeader.of(g, linkSeq[l]++, sent, tag));
            lastInFlow[f] = g;
            byGlobal.put(g, p);
            if (rnd.nextInt(100) < lossPercent) {
                continue;
            }
            long at = Math.max(lastArrival[l], sent + delay[l] + rnd.nextInt(5000) * US);
            lastArrival[l] = at;
            arrivals.add(new Arrival(at, order++, l, p));
            if (rnd.nextInt(100) < 5) {
                arrivals.add(new Arrival(at, order++, l, p));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::timeNanos).thenComparingInt(Arrival::order));

        Out out = new Out();
        Set<Long> arrived = new HashSet<>();
        for (Arrival a : arrivals) {
            runTimersUntil(receiver, a.timeNanos(), out, align ? null : byGlobal, arrived);
            out.call++;
            receiver.onData(a.timeNanos(), a.linkId(), a.packet().header(), a.packet().global(), 100, out);
            arrived.add(a.packet().global());
            if (a.packet().realtime()) {
                assertTrue(out.deliveredInCall.containsKey(a.packet().global()), "realtime goes out on arrival");
            }
            if (!align) { // aligned packets also wait for their time
                checkNoneWaitsForADeliveredPredecessor(out, byGlobal, arrived);
            }
        }
        runTimersUntil(receiver, Long.MAX_VALUE - 1, out, null, arrived);
        receiver.flush(out);

        Map<Integer, Long> previous = new HashMap<>();
        for (long g : out.inOrder) {
            Packet p = byGlobal.get(g);
            if (!p.realtime()) {
                assertTrue(g > previous.getOrDefault(p.flow(), -1L), "flow " + p.flow() + " in its order");
                previous.put(p.flow(), g);
            }
        }
        assertEquals(arrivals.size(), out.deliveredInCall.size() + out.discarded,
                "every arrival is delivered or discarded exactly once");
        assertEquals(arrived.size(), out.deliveredInCall.size(), "every packet that arrived went out");
    }

    private static void checkNoneWaitsForADeliveredPredecessor(Out out, Map<Long, Packet> byGlobal, Set<Long> arrived) {
        for (long g : arrived) {
            Packet p = byGlobal.get(g);
            if (!out.deliveredInCall.containsKey(g) && p.previousInFlow() >= 0) {
                assertTrue(!out.deliveredInCall.containsKey(p.previousInFlow()),
                        "packet " + g + " waits although its predecessor " + p.previousInFlow() + " went out");
            }
        }
    }

    /** Runs due timers; checks the waiting rule after each unless {@code byGlobal} is null. */
    private static void runTimersUntil(MultilinkReceiver<Long> receiver, long until, Out out,
                                       Map<Long, Packet> byGlobal, Set<Long> arrived) {
        for (int i = 0; i < 100_000; i++) {
            long d = receiver.nextDeadlineNanos();
            if (d > until || d == Long.MAX_VALUE) {
                return;
            }
            out.call++;
            receiver.onTimer(d, out);
            if (byGlobal != null) {
                checkNoneWaitsForADeliveredPredecessor(out, byGlobal, arrived);
            }
        }
        throw new AssertionError("timer loop does not converge");
    }
}
