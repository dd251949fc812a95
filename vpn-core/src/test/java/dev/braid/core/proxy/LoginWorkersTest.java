package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.time.SystemClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real worker threads over the queue: PROOFs jump ahead, offers never wait, every worker works. */
class LoginWorkersTest {

    @Test
    void proofsJumpAheadOfQueuedHellosAndAFailureDoesNotStopTheWorker() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (LoginWorkers<Runnable> workers = new LoginWorkers<>("test-login", 1, new LoginQueue<>(4, 4),
                SystemClock.INSTANCE, Runnable::run, e -> ran.add("failed"))) {
            assertTrue(workers.offerHello("a", () -> block(started, release)).accepted());
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(workers.offerHello("a", () -> ran.add("hello1")).accepted());
            assertTrue(workers.offerHello("b", () -> ran.add("hello2")).accepted());
            assertTrue(workers.offerProof(() -> ran.add("proof1")));
            assertTrue(workers.offerProof(() -> {
                throw new IllegalStateException("boom");
            }));
            assertTrue(workers.offerHello("c", done::countDown).accepted());
            assertEquals(3, workers.queuedHellos());
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("proof1", "failed", "hello1", "hello2"), ran);
    }

    @Test
    void offersWhileEveryWorkerIsBusyReturnAtOnceAndFullPartsRefuse() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (LoginWorkers<Runnable> workers = new LoginWorkers<>("test-login", 2, new LoginQueue<>(2, 2),
                SystemClock.INSTANCE, Runnable::run, e -> { })) {
            workers.offerProof(() -> block(started, release));
            workers.offerProof(() -> block(started, release));
            assertTrue(started.await(5, TimeUnit.SECONDS), "both workers busy");
            assertTrue(workers.offerHello("a", () -> { }).accepted());
            assertTrue(workers.offerHello("b", () -> { }).accepted());
            assertFalse(workers.offerHello("b", () -> { }).accepted(), "HELLO part holds 2");
            assertTrue(workers.offerProof(() -> { }));
            assertTrue(workers.offerProof(() -> { }));
            assertFalse(workers.offerProof(() -> { }), "PROOF part holds 2");
            release.countDown();
        }
    }

    @Test
    void everyWorkerTakesWorkAndClosedWorkersRefuse() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        LoginWorkers<Runnable> workers = new LoginWorkers<>("test-login", 2, new LoginQueue<>(8, 8),
                SystemClock.INSTANCE, Runnable::run, e -> { });
        try {
            for (int i = 0; i < 2; i++) {
                // Each step waits until both run at once: only two threads can finish them.
                workers.offerProof(() -> {
                    threads.add(Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread()));
                    both.countDown();
                    await(both);
                });
            }
            assertTrue(both.await(5, TimeUnit.SECONDS), "two steps ran side by side");
            assertEquals(2, threads.size());
        } finally {
            workers.close();
        }
        assertFalse(workers.offerProof(() -> { }));
        assertFalse(workers.offerHello("a", () -> { }).accepted());
    }

    /** Holds a worker until released. */
    private static void block(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        await(release);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
