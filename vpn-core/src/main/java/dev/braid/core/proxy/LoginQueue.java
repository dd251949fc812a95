package dev.braid.core.proxy;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The login workers' queue, sans-I/O and not thread-safe ({@link LoginWorkers} holds its lock).
 *
 * <pre>
 * PROOFs of started logins -> one FIFO, always served first (their handshake is already paid for)
 * HELLOs (and stray PROOFs) -> one FIFO per source key (a subnet), served round robin
 * </pre>
 * Round robin means a source that floods waits for its turn like any other: with k sources
 * queued, each gets one in k of the workers' HELLO time whatever it sends. Both parts are
 * bounded. When the HELLO part is full, a newcomer pushes out the newest entry of the longest
 * per-source queue, unless its own queue would then be the longest: a flood fills only its own
 * share, and the pushed-out entry goes back to the caller to be told "busy".
 */
final class LoginQueue<T> {

    /** What became of an offer: {@code refused} is the entry that did not make it (the new one or one pushed out). */
    record Offer<T>(boolean accepted, T refused) {
    }

    private final int proofCapacity;
    private final int helloCapacity;
    private final ArrayDeque<T> proofs = new ArrayDeque<>();
    /** Keys in round-robin order: the head is served next and goes to the back if it has more. */
    private final LinkedHashMap<String, ArrayDeque<T>> bySource = new LinkedHashMap<>();
    private int hellos;

    LoginQueue(int proofCapacity, int helloCapacity) {
        if (proofCapacity < 1 || helloCapacity < 1) {
            throw new IllegalArgumentException("login queue capacities must be >= 1");
        }
        this.proofCapacity = proofCapacity;
        this.helloCapacity = helloCapacity;
    }

    /** @return false when the PROOF part is full */
    boolean offerProof(T proof) {
        if (proofs.size() >= proofCapacity) {
            return false;
        }
        proofs.addLast(proof);
        return true;
    }

    Offer<T> offerHello(String source, T hello) {
        T pushedOut = null;
        if (hellos >= helloCapacity) {
            ArrayDeque<T> longest = longestQueue();
            ArrayDeque<T> own = bySource.get(source);
            int ownAfter = (own == null ? 0 : own.size()) + 1;
            if (longest == null || longest == own || ownAfter >= longest.size()) {
                return new Offer<>(false, hello);
            }
            pushedOut = longest.pollLast();
            hellos--;
        }
        bySource.computeIfAbsent(source, k -> new ArrayDeque<>()).addLast(hello);
        hellos++;
        return new Offer<>(true, pushedOut);
    }

    /** The next entry to serve, or null when empty: PROOFs first, then the next source's oldest HELLO. */
    T poll() {
        T proof = proofs.pollFirst();
        if (proof != null) {
            return proof;
        }
        Iterator<Map.Entry<String, ArrayDeque<T>>> it = bySource.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<String, ArrayDeque<T>> next = it.next();
        it.remove();
        T hello = next.getValue().pollFirst();
        hellos--;
        if (!next.getValue().isEmpty()) {
            bySource.put(next.getKey(), next.getValue()); // to the back of the round
        }
        return hello;
    }

    boolean isEmpty() {
        return proofs.isEmpty() && hellos == 0;
    }

    int proofs() {
        return proofs.size();
    }

    int hellos() {
        return hellos;
    }

    /** Sources with HELLOs queued. */
    int sources() {
        return bySource.size();
    }

    void clear() {
        proofs.clear();
        bySource.clear();
        hellos = 0;
    }

    private ArrayDeque<T> longestQueue() {
        ArrayDeque<T> longest = null;
        for (ArrayDeque<T> queue : bySource.values()) {
            if (longest == null || queue.size() > longest.size()) {
                longest = queue;
            }
        }
        return longest;
    }
}
