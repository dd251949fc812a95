package dev.braid.core.proxy;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The login thread's work: two bounded lanes and one worker that always empties the PROOF lane
 * first. A PROOF belongs to a login that already passed its HELLO, so a HELLO flood can fill its
 * own lane but never delay a started login. Offers never block (the event loop calls them).
 */
final class LoginLanes implements AutoCloseable {

    enum Lane { PROOF, HELLO }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Runnable> proofs = new ArrayDeque<>();
    private final ArrayDeque<Runnable> hellos = new ArrayDeque<>();
    private final int proofCapacity;
    private final int helloCapacity;
    private final Thread worker;
    private boolean closed;

    /** @param failed told about a task that threw (the worker carries on) */
    LoginLanes(String threadName, int proofCapacity, int helloCapacity, Consumer<RuntimeException> failed) {
        this.proofCapacity = proofCapacity;
        this.helloCapacity = helloCapacity;
        this.worker = new Thread(() -> run(failed), threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** @return false when the lane is full or closed (the task is not run) */
    boolean offer(Lane lane, Runnable task) {
        lock.lock();
        try {
            ArrayDeque<Runnable> queue = lane == Lane.PROOF ? proofs : hellos;
            if (closed || queue.size() >= (lane == Lane.PROOF ? proofCapacity : helloCapacity)) {
                return false;
            }
            queue.addLast(task);
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run(Consumer<RuntimeException> failed) {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                while (!closed && proofs.isEmpty() && hellos.isEmpty()) {
                    work.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                task = proofs.isEmpty() ? hellos.pollFirst() : proofs.pollFirst();
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        }
    }

    /** Drops queued work and waits briefly for the running task. */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            proofs.clear();
            hellos.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        worker.join(TimeUnit.SECONDS.toMillis(2));
    }
}
