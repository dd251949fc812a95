package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** PROOFs of started logins are never stuck behind HELLOs; full lanes refuse, never block. */
class LoginLanesTest {

    @Test
    void proofsJumpAheadOfQueuedHellos() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (LoginLanes lanes = new LoginLanes("test-login", 4, 4, e -> ran.add("failed"))) {
            CountDownLatch started = new CountDownLatch(1);
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, () -> block(started, release)));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, () -> ran.add("hello1")));
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, () -> ran.add("hello2")));
            assertTrue(lanes.offer(LoginLanes.Lane.PROOF, () -> ran.add("proof1")));
            assertTrue(lanes.offer(LoginLanes.Lane.PROOF, () -> { throw new IllegalStateException("boom"); }));
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, done::countDown));
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("proof1", "failed", "hello1", "hello2"), ran);
    }

    @Test
    void aFullHelloLaneRefusesHellosButNotProofs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LoginLanes lanes = new LoginLanes("test-login", 1, 2, e -> { })) {
            CountDownLatch started = new CountDownLatch(1);
            lanes.offer(LoginLanes.Lane.HELLO, () -> block(started, release));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, () -> { }));
            assertTrue(lanes.offer(LoginLanes.Lane.HELLO, () -> { }));
            assertFalse(lanes.offer(LoginLanes.Lane.HELLO, () -> { }), "HELLO lane holds 2");
            assertTrue(lanes.offer(LoginLanes.Lane.PROOF, () -> { }));
            assertFalse(lanes.offer(LoginLanes.Lane.PROOF, () -> { }), "PROOF lane holds 1");
            release.countDown();
        }
    }

    /** Holds the worker (out of its lane) until released. */
    private static void block(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
