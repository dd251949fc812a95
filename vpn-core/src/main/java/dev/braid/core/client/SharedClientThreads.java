package dev.braid.core.client;

import dev.braid.core.link.UdpTransport;
import dev.braid.core.tun.TunReading;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Threads many {@link BraidClient}s of one process share instead of each starting its own event
 * loop, login worker and control socket: a load generator runs thousands of clients, and a
 * thread pair plus a Unix socket each would measure the generator, not the proxy. The owner
 * creates and closes both; a client only uses them (its sockets land on the transport's loops
 * round robin). Such clients have no control socket.
 *
 * @param transport   the event loops and the UDP channel type for every client's links
 * @param proofWorker runs the logins' proof computations (Argon2 and SRP)
 * @param worker      runs the other blocking steps (the TUN set-up after a login). Apart from
 *                    the proofs, so that a rush of proofs (which the owner may run in any order)
 *                    never holds back a session that already logged in: the proxy would close it
 *                    as idle before it ever started
 * @param tunReading  how the clients' TUN packets reach them (the generator's devices push theirs)
 */
public record SharedClientThreads(UdpTransport transport, ExecutorService proofWorker, ExecutorService worker,
                                  TunReading tunReading) {
    public SharedClientThreads {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(proofWorker, "proofWorker");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(tunReading, "tunReading");
    }
}
