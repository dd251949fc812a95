package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * A MultilinkSender wired to a MultilinkReceiver through two emulated links (rate, delay,
 * drop-tail queue) in virtual time: a hand-driven event loop, no threads, no real clock.
 */
class EndToEndTest {
    private static final long MS = 1_000_000L;

    private record Event(long time, long order, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    private long now;

    private void at(long time, Runnable action) {
        events.add(new Event(time, order++, action));
    }

    /** One direction of a link: serialization at a fixed packet rate, propagation delay, queue. */
    private final class EmulatedLink {
        final long packetTimeNanos;
        final long delayNanos;
        final int queueLimit;
        long busyUntil;
        int queued;
        long dropped;

        EmulatedLink(long packetsPerSecond, long delayNanos, int queueLimit) {
            this.packetTimeNanos = 1_000_000_000L / packetsPerSecond;
            this.delayNanos = delayNanos;
            this.queueLimit = queueLimit;
        }

        void transmit(Runnable arrival) {
            if (queued >= queueLimit) {
                dropped++;
                return;
            }
            long departure = Math.max(now, busyUntil) + packetTimeNanos;
            busyUntil = departure;
            queued++;
            at(departure, () -> queued--);
            at(departure + delayNanos, arrival);
        }
    }

    private Result run(MultilinkSettings settings, long offeredPerSecond, long durationNanos,
                       EmulatedLink... links) {
        now = 0; // a test may run twice
        MultilinkSender<Long> sender = new MultilinkSender<>(settings, PacketCopier.immutable());
        MultilinkReceiver<Long> receiver = new MultilinkReceiver<>(settings);
        Result result = new Result();
        for (int i = 0; i < links.length; i++) {
            sender.addLink(i, 1);
            receiver.addLink(0, i);
        }
        ReceiverOutput<Long> rxOut = new ReceiverOutput<>() {
            @Override
            public void deliver(Long packet) {
                result.delivered.add(packet);
            }

            @Override
            public void deliverLate(Long packet) {
                result.late++;
            }

            @Override
            public void sendAck(int linkId, AckMessage ack) {
                // Acks travel back on the same link's reverse path: same delay, no queue.
                SenderOutput<Long> txOut = result.txOut;
                at(now + links[linkId].delayNanos, () -> sender.onAck(now, linkId, ack, txOut));
            }

            @Override
            public void discard(Long packet, DiscardReason reason) {
                result.discarded++;
            }
        };
        result.txOut = new SenderOutput<>() {
            @Override
            public void send(int linkId, DataHeader header, Long packet) {
                result.sentPerLink[linkId]++;
                links[linkId].transmit(() -> receiver.onData(now, linkId, header, packet, 1400, rxOut));
            }

            @Override
            public void drop(Long packet, DropReason reason) {
                result.senderDrops++;
            }
        };
        long interval = 1_000_000_000L / offeredPerSecond;
        long[] next = {0};
        for (long t = 0; t < durationNanos; t += interval) {
            long id = next[0]++;
            at(t, () -> sender.offer(now, id, 1400, result.txOut));
        }
        result.offered = next[0];
        while (true) {
            long timer = Math.min(sender.nextDeadlineNanos(), receiver.nextDeadlineNanos());
            Event e = events.peek();
            if (e == null && timer == Long.MAX_VALUE) {
                break;
            }
            if (e != null && e.time <= timer) {
                events.poll();
                now = Math.max(now, e.time);
                e.action.run();
            } else {
                now = Math.max(now, timer);
                sender.onTimer(now, result.txOut);
                receiver.onTimer(now, rxOut);
            }
            if (now > durationNanos + 60_000 * MS) {
                throw new AssertionError("simulation does not end");
            }
        }
        receiver.flush(rxOut);
        result.stats = receiver.stats();
        return result;
    }

    private static final class Result {
        final List<Long> delivered = new ArrayList<>();
        final long[] sentPerLink = new long[2];
        long senderDrops;
        long discarded;
        long late;
        long offered;
        SenderOutput<Long> txOut;
        ResequencerStats stats;
    }

    @Test
    void bothLinksUsedInProportionToCapacity() {
        EmulatedLink slow = new EmulatedLink(1000, 20 * MS, 40);
        EmulatedLink fast = new EmulatedLink(3000, 20 * MS, 40);
        Result r = run(MultilinkSettings.defaults(), 6000, 10_000 * MS, slow, fast);

        double ratio = (double) r.sentPerLink[1] / r.sentPerLink[0];
        assertTrue(ratio > 2.2 && ratio < 4.0, "fast/slow = " + ratio + " " + r.sentPerLink[0] + "/" + r.sentPerLink[1]);
        // Aggregate goodput: at least 70 % of the 4000 packets/s the two links can carry.
        assertTrue(r.delivered.size() > 0.7 * 4000 * 10, "delivered " + r.delivered.size());
        for (int i = 1; i < r.delivered.size(); i++) {
            assertTrue(r.delivered.get(i) > r.delivered.get(i - 1), "in order");
        }
        assertEquals(0, r.stats.duplicates());
        assertEquals(0, r.stats.bufferedPackets());
    }

    @Test
    void differentDelaysStillAggregateAndStayInOrder() {
        EmulatedLink near = new EmulatedLink(2000, 10 * MS, 50);
        EmulatedLink far = new EmulatedLink(2000, 60 * MS, 150);
        Result r = run(MultilinkSettings.defaults(), 6000, 10_000 * MS, near, far);
        double ratio = (double) r.sentPerLink[1] / r.sentPerLink[0];
        assertTrue(ratio > 0.6 && ratio < 1.6, "far/near = " + ratio);
        assertTrue(r.delivered.size() > 0.7 * 4000 * 10, "delivered " + r.delivered.size());
        for (int i = 1; i < r.delivered.size(); i++) {
            assertTrue(r.delivered.get(i) > r.delivered.get(i - 1), "in order");
        }
        assertTrue(r.stats.held() > 0, "the far link's packets were resequenced");
        assertTrue(r.late < r.delivered.size() / 100, "given up too early, delivered late: " + r.late);
    }

    /**
     * Plain CCID2 overshoots 10-packet link queues again and again. Without repair every link drop
     * is a hole the receiver skips; with repair the lost packets come again over a link and the
     * inner flow loses (almost) nothing: every packet the sender accepted arrives once, in order.
     */
    @Test
    void repairTurnsLinkLossesIntoDelay() {
        MultilinkSettings.Builder b = MultilinkSettings.builder()
                .noRoomPolicy(NoRoomPolicy.QUEUE).growthQueueDelayNanos(0);

        EmulatedLink near = new EmulatedLink(2000, 10 * MS, 10);
        EmulatedLink far = new EmulatedLink(2000, 40 * MS, 10);
        Result plain = run(b.repairLosses(false).build(), 5000, 5_000 * MS, near, far);
        long plainLinkDrops = near.dropped + far.dropped;

        EmulatedLink near2 = new EmulatedLink(2000, 10 * MS, 10);
        EmulatedLink far2 = new EmulatedLink(2000, 40 * MS, 10);
        Result repaired = run(b.repairLosses(true).build(), 5000, 5_000 * MS, near2, far2);
        long linkDrops = near2.dropped + far2.dropped;

        System.out.printf("plain: link drops %d skipped %d; repair: link drops %d repaired %d skipped %d late %d "
                        + "delivered %d of %d accepted%n", plainLinkDrops, plain.stats.skipped(), linkDrops,
                repaired.stats.repaired(), repaired.stats.skipped(), repaired.late, repaired.delivered.size(),
                repaired.offered - repaired.senderDrops);
        assertTrue(plainLinkDrops > 20 && plain.stats.skipped() >= plainLinkDrops / 2,
                "without repair link drops become holes: " + plainLinkDrops + " / " + plain.stats.skipped());
        assertTrue(linkDrops > 20, "the links dropped: " + linkDrops);
        assertTrue(repaired.stats.repaired() > linkDrops / 2, "repaired " + repaired.stats.repaired());
        assertTrue(repaired.stats.skipped() <= linkDrops / 20, "skipped " + repaired.stats.skipped());
        assertEquals(repaired.offered - repaired.senderDrops, repaired.delivered.size() + repaired.stats.skipped());
        for (int i = 1; i < repaired.delivered.size(); i++) {
            assertTrue(repaired.delivered.get(i) > repaired.delivered.get(i - 1), "in order");
        }
        assertEquals(0, repaired.stats.bufferedPackets());
    }
}
