package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final long MS = 1_000_000L;

    record FakeLink(int id, int cwnd, int pipe, long srttNanos, long owdNanos, int weight, boolean up,
                    int queued) implements LinkView {
    }

    private static FakeLink link(int id, int cwnd, int pipe) {
        return new FakeLink(id, cwnd, pipe, 50 * MS, 25 * MS, 1, true, 0);
    }

    private static Scheduler create(String name) {
        return Schedulers.create(name, MultilinkSettings.builder().linkQueuePackets(4).build());
    }

    @Test
    void registryKnowsAllAndRejectsUnknownWithList() {
        assertEquals(List.of("most-free-window", "round-robin", "weighted", "min-rtt", "proportional", "earliest-arrival"),
                new ArrayList<>(Schedulers.names()));
        for (String n : Schedulers.names()) {
            assertEquals(n, create(n).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("blest"));
        assertTrue(e.getMessage().contains("most-free-window") && e.getMessage().contains("earliest-arrival"));
    }

    @Test
    void algorithm1PicksLargestFreeWindow() {
        Scheduler s = create("most-free-window");
        assertEquals(2, s.pick(List.of(link(1, 10, 8), link(2, 20, 15), link(3, 4, 0))));
        assertEquals(3, s.pick(List.of(link(1, 10, 8), link(2, 20, 17), link(3, 4, 0))));
    }

    @Test
    void algorithm1TieGoesToFirstAndDownLinksAreSkipped() {
        Scheduler s = create("most-free-window");
        assertEquals(1, s.pick(List.of(link(1, 10, 5), link(2, 6, 1))));
        FakeLink down = new FakeLink(1, 100, 0, MS, MS, 1, false, 0);
        assertEquals(2, s.pick(List.of(down, link(2, 6, 1))));
    }

    @Test
    void algorithm1NoOpenWindowMeansNone() {
        Scheduler s = create("most-free-window");
        assertEquals(Scheduler.NONE, s.pick(List.of(link(1, 10, 10), link(2, 3, 4))));
        assertEquals(Scheduler.NONE, s.pick(List.of()));
    }

    @Test
    void proportionalPicksTheLeastFilledWindowAndTiesGoToTheShorterRtt() {
        Scheduler s = create("proportional");
        FakeLink near = new FakeLink(1, 10, 0, 20 * MS, 10 * MS, 1, true, 0);
        FakeLink far = new FakeLink(2, 10, 0, 100 * MS, 50 * MS, 1, true, 0);
        assertEquals(1, s.pick(List.of(far, near)), "idle: a lone packet takes the shorter RTT");
        // (4+1)/10 vs (1+1)/10: the far link's window is less filled.
        assertEquals(2, s.pick(List.of(new FakeLink(1, 10, 4, 20 * MS, 10 * MS, 1, true, 0),
                new FakeLink(2, 10, 1, 100 * MS, 50 * MS, 1, true, 0))));
        // (5+1)/40 < (1+1)/10: a larger window takes more.
        assertEquals(1, s.pick(List.of(new FakeLink(1, 40, 5, 20 * MS, 10 * MS, 1, true, 0),
                new FakeLink(2, 10, 1, 100 * MS, 50 * MS, 1, true, 0))));
        assertEquals(Scheduler.NONE, s.pick(List.of(link(1, 3, 3),
                new FakeLink(2, 10, 0, MS, MS, 1, false, 0))), "full or down: none");
    }

    @Test
    void proportionalSharesFollowWindowPerRtt() {
        // Two links in steady state: a packet leaves each link's pipe one RTT after it entered.
        // Equal fill makes the shares cwnd/RTT: 40/20 ms : 100/100 ms = 2 : 1.
        Scheduler s = create("proportional");
        int[] cwnd = {40, 100};
        long[] rttMs = {20, 100};
        List<List<Long>> inFlight = List.of(new ArrayList<>(), new ArrayList<>());
        int[] sent = new int[2];
        for (long t = 0; t < 10_000; t++) { // one packet offered per 0.1 ms (10k/s), below capacity
            long nowMs = t / 10;
            for (int i = 0; i < 2; i++) {
                final int link = i;
                inFlight.get(i).removeIf(sentAt -> sentAt + rttMs[link] <= nowMs);
            }
            List<FakeLink> links = List.of(
                    new FakeLink(0, cwnd[0], inFlight.get(0).size(), rttMs[0] * MS, 0, 1, true, 0),
                    new FakeLink(1, cwnd[1], inFlight.get(1).size(), rttMs[1] * MS, 0, 1, true, 0));
            int id = s.pick(links);
            if (id != Scheduler.NONE) {
                inFlight.get(id).add(nowMs);
                sent[id]++;
            }
        }
        double ratio = (double) sent[0] / sent[1];
        assertTrue(ratio > 1.7 && ratio < 2.3, "near/far = " + ratio);
    }

    @Test
    void roundRobinCyclesAndSkipsFullLinks() {
        Scheduler s = create("round-robin");
        List<FakeLink> links = List.of(link(1, 5, 0), link(2, 5, 5), link(3, 5, 0));
        assertEquals(1, s.pick(links));
        assertEquals(3, s.pick(links));
        assertEquals(1, s.pick(links));
        assertEquals(Scheduler.NONE, s.pick(List.of(link(1, 1, 1))));
    }

    @Test
    void weightedFollowsWeightsSmoothly() {
        Scheduler s = create("weighted");
        List<FakeLink> links = List.of(new FakeLink(1, 10, 0, MS, MS, 3, true, 0),
                new FakeLink(2, 10, 0, MS, MS, 1, true, 0));
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            order.append(s.pick(links));
        }
        assertEquals("11211121", order.toString()); // 3:1, interleaved (smooth WRR)
        // A full link is skipped; the other takes everything.
        List<FakeLink> oneFull = List.of(new FakeLink(1, 10, 10, MS, MS, 3, true, 0),
                new FakeLink(2, 10, 0, MS, MS, 1, true, 0));
        assertEquals(2, s.pick(oneFull));
    }

    @Test
    void minRttPicksLowestSrttWithRoom() {
        Scheduler s = create("min-rtt");
        FakeLink fastFull = new FakeLink(1, 4, 4, 10 * MS, 5 * MS, 1, true, 0);
        FakeLink slow = new FakeLink(2, 40, 0, 200 * MS, 100 * MS, 1, true, 0);
        FakeLink mid = new FakeLink(3, 10, 9, 50 * MS, 25 * MS, 1, true, 0);
        assertEquals(3, s.pick(List.of(fastFull, slow, mid)));
        assertEquals(Scheduler.NONE, s.pick(List.of(fastFull)));
    }

    @Test
    void earliestArrivalFormula() {
        // T = floor(max(0, q - (cwnd - pipe)) / cwnd) * srtt + owd
        assertEquals(25 * MS, EarliestArrivalScheduler.expectedArrivalNanos(
                new FakeLink(1, 10, 5, 50 * MS, 25 * MS, 1, true, 3)));
        assertEquals(2 * 50 * MS + 25 * MS, EarliestArrivalScheduler.expectedArrivalNanos(
                new FakeLink(1, 10, 10, 50 * MS, 25 * MS, 1, true, 25)));
    }

    @Test
    void earliestArrivalPrefersFastLinkEvenWithSmallQueue() {
        Scheduler s = create("earliest-arrival"); // link queue 4
        FakeLink fastFull = new FakeLink(1, 10, 10, 20 * MS, 10 * MS, 1, true, 2);
        FakeLink slowFree = new FakeLink(2, 30, 0, 400 * MS, 200 * MS, 1, true, 0);
        assertEquals(1, s.pick(List.of(fastFull, slowFree))); // T1 = 0*20 + 10 < T2 = 200
        FakeLink fastQueueFull = new FakeLink(1, 10, 10, 20 * MS, 10 * MS, 1, true, 4);
        assertEquals(2, s.pick(List.of(fastQueueFull, slowFree))); // queue bound reached
        FakeLink fastLongQueue = new FakeLink(1, 1, 1, 100 * MS, 10 * MS, 1, true, 3);
        // T1 = floor(3/1) * 100 + 10 = 310 > T2 = 200
        assertEquals(2, s.pick(List.of(fastLongQueue, slowFree)));
    }

    @Test
    void earliestArrivalWithoutLinkQueueOnlyUsesLinksWithRoom() {
        Scheduler s = Schedulers.create("earliest-arrival", MultilinkSettings.defaults());
        FakeLink fastFull = new FakeLink(1, 10, 10, 20 * MS, 10 * MS, 1, true, 0);
        FakeLink slowFree = new FakeLink(2, 30, 0, 400 * MS, 200 * MS, 1, true, 0);
        assertEquals(2, s.pick(List.of(fastFull, slowFree)));
    }
}
