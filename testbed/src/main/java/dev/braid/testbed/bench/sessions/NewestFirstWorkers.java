package dev.braid.testbed.bench.sessions;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The generator's login workers: newest task first. N clients share a few cores, so when all log
 * in at once their proofs queue up; in arrival order every proof would wait longer than the
 * proxy keeps a handshake (10 s) and no login would finish. Newest first, the fresh handshakes
 * finish and the stale ones run when the rush is over (their clients then try again).
 *
 * <p>Proofs only: a session's TUN set-up after its login runs on a thread of its own
 * ({@code SharedClientThreads.worker}). Here it would be buried under newer proofs until the
 * rush is over, and the proxy would close the session, never heard from, as idle (at N =
 * 10,000: 1051 sessions, each logged in again).
 */
final class NewestFirstWorkers {
    private NewestFirstWorkers() {}

    static ExecutorService create(int threads, ThreadFactory factory) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new Stack(), factory);
    }

    /** A deque the pool takes from the front of, and adds to the front of. */
    private static final class Stack extends LinkedBlockingDeque<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return offerFirst(task);
        }
    }
}
