package dev.braid.core.proxy;

import dev.braid.core.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The proxy's login workers: a fixed pool of threads (one per core by default) taking from one
 * {@link LoginQueue}, PROOFs of started logins first, HELLOs round robin by source. Offers never
 * block and never wait for a worker (the event loop calls them; the lock is held for a queue
 * operation only); what does not fit comes back to the caller, which answers BUSY.
 *
 * @param <T> a queued login message; the workers hand it to {@code serve}
 */
final class LoginWorkers<T> implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final LoginQueue<T> queue;
    private final BusyHint hint = new BusyHint();
    private final List<Thread> threads = new ArrayList<>();
    private final Clock clock;
    private boolean closed;

    /**
     * @param serve  runs one message on a worker
     * @param failed told about a message whose handling threw (the worker carries on)
     */
    LoginWorkers(String threadName, int workers, LoginQueue<T> queue, Clock clock, Consumer<T> serve,
                 Consumer<RuntimeException> failed) {
        if (workers < 1) {
            throw new IllegalArgumentException("login workers must be >= 1, got " + workers);
        }
        this.queue = queue;
        this.clock = clock;
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> run(serve, failed), threadName);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    int workers() {
        return threads.size();
    }

    /** HELLOs (and stray PROOFs) waiting. */
    int queuedHellos() {
        lock.lock();
        try {
            return queue.hellos();
        } finally {
            lock.unlock();
        }
    }

    /** @return false when the PROOF part is full or the pool closed */
    boolean offerProof(T proof) {
        lock.lock();
        try {
            if (closed || !queue.offerProof(proof)) {
                return false;
            }
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A HELLO (or a stray PROOF) from {@code source}'s queue; see {@link LoginQueue#offerHello}. */
    LoginQueue.Offer<T> offerHello(String source, T hello) {
        lock.lock();
        try {
            if (closed) {
                return new LoginQueue.Offer<>(false, hello);
            }
            LoginQueue.Offer<T> offer = queue.offerHello(source, hello);
            if (offer.accepted()) {
                work.signal();
            }
            return offer;
        } finally {
            lock.unlock();
        }
    }

    /** The BUSY hint for a HELLO now, counting {@code openHandshakes} PROOF steps still to come. */
    Duration retryAfter(int openHandshakes) {
        lock.lock();
        try {
            return hint.retryAfter((long) queue.proofs() + queue.hellos() + openHandshakes, threads.size());
        } finally {
            lock.unlock();
        }
    }

    private void run(Consumer<T> serve, Consumer<RuntimeException> failed) {
        while (true) {
            T next;
            lock.lock();
            try {
                while (!closed && queue.isEmpty()) {
                    work.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                next = queue.poll();
            } finally {
                lock.unlock();
            }
            long start = clock.nanos();
            try {
                serve.accept(next);
            } catch (RuntimeException e) {
                failed.accept(e);
            }
            long took = clock.nanos() - start;
            lock.lock();
            try {
                hint.stepTook(took);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Drops queued work and waits briefly for the running steps. */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = clock.nanos() + TimeUnit.SECONDS.toNanos(2);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.nanos())));
        }
    }
}
