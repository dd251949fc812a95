package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The login workers' queue: PROOFs first, HELLOs round robin by source, a flood fills only its share. */
class LoginQueueTest {

    @Test
    void proofsOfStartedLoginsAreServedBeforeAnyHello() {
        LoginQueue<String> queue = new LoginQueue<>(4, 4);
        queue.offerHello("10.0.0.0/24", "hello1");
        queue.offerHello("10.0.1.0/24", "hello2");
        assertTrue(queue.offerProof("proof1"));
        assertTrue(queue.offerProof("proof2"));
        assertEquals(List.of("proof1", "proof2", "hello1", "hello2"), drain(queue));
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    @Test
    void theProofPartIsBoundedApart() {
        LoginQueue<String> queue = new LoginQueue<>(2, 1);
        assertTrue(queue.offerProof("p1"));
        assertTrue(queue.offerProof("p2"));
        assertFalse(queue.offerProof("p3"), "PROOF part holds 2");
        assertTrue(queue.offerHello("a", "h1").accepted(), "HELLOs have their own room");
    }

    @Test
    void hellosAreServedRoundRobinBetweenSources() {
        LoginQueue<String> queue = new LoginQueue<>(1, 16);
        for (int i = 0; i < 5; i++) {
            queue.offerHello("flood", "f" + i);
        }
        queue.offerHello("alice", "a0");
        queue.offerHello("bob", "b0");
        queue.offerHello("alice", "a1");
        assertEquals(List.of("f0", "a0", "b0", "f1", "a1", "f2", "f3", "f4"), drain(queue));
        assertEquals(0, queue.sources());
    }

    @Test
    void aFloodThatFillsTheQueuePushesOutItsOwnNewestNotTheOthers() {
        LoginQueue<String> queue = new LoginQueue<>(1, 8);
        for (int i = 0; i < 8; i++) {
            assertTrue(queue.offerHello("flood", "f" + i).accepted());
        }
        LoginQueue.Offer<String> more = queue.offerHello("flood", "f8");
        assertFalse(more.accepted(), "the flood's own queue is the longest: the newcomer is refused");
        assertEquals("f8", more.refused());

        LoginQueue.Offer<String> alice = queue.offerHello("alice", "a0");
        assertTrue(alice.accepted());
        assertEquals("f7", alice.refused(), "the flood's newest makes room (and is told busy)");
        assertEquals(8, queue.hellos());
        assertEquals("f0", queue.poll());
        assertEquals("a0", queue.poll(), "alice is second, not ninth");
    }

    @Test
    void underAFloodEverySourceGetsItsShareOfTheWorkers() {
        LoginQueue<String> queue = new LoginQueue<>(1, 64);
        List<String> served = new ArrayList<>();
        // Each round: the flood offers 100 HELLOs, 10 clients one each, the workers serve 20.
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 100; i++) {
                queue.offerHello("flood", "flood");
            }
            for (int c = 0; c < 10; c++) {
                queue.offerHello("client" + c, "client" + c);
            }
            for (int i = 0; i < 20; i++) {
                served.add(queue.poll());
            }
        }
        long clients = served.stream().filter(s -> s.startsWith("client")).count();
        assertEquals(500, clients, "every client HELLO was served although the flood sent 10x as many");
    }

    private static List<String> drain(LoginQueue<String> queue) {
        List<String> out = new ArrayList<>();
        for (String next = queue.poll(); next != null; next = queue.poll()) {
            out.add(next);
        }
        return out;
    }
}
