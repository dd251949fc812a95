package dev.braid.core.client;

import dev.braid.core.login.ClientEvent;
import dev.braid.core.login.ClientLogin;
import dev.braid.core.login.LoginFailure;
import dev.braid.core.login.LoginResult;
import dev.braid.core.time.Clock;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link ClientLogin} on the client's event loop: sends what it says, arms its
 * retransmission timer, and runs the Argon2 proof computation on a worker so the loop never blocks.
 */
final class ClientLoginDriver {
    private static final Logger log = LoggerFactory.getLogger(ClientLoginDriver.class);

    /** Where a login's messages go and where its outcome is reported. */
    interface Callbacks {
        void sendHandshake(byte[] body);

        void succeeded(LoginResult result);

        void failed(LoginFailure failure);

        /** A reply that answers none of this login's messages was ignored (count it). */
        void unmatched();
    }

    private final ClientLogin login;
    private final EventLoop loop;
    private final Executor worker;
    private final Clock clock;
    private final Callbacks callbacks;
    private ScheduledFuture<?> timer;
    /** Written on the event loop; the worker reads it to skip the proof of a login that ended. */
    private volatile boolean done;

    ClientLoginDriver(ClientLogin login, EventLoop loop, Executor worker, Clock clock, Callbacks callbacks) {
        this.login = login;
        this.loop = loop;
        this.worker = worker;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    /** Call on the event loop. */
    void start() {
        callbacks.sendHandshake(login.start(clock.nanos()));
        rearm();
    }

    /** A handshake body from the proxy; call on the event loop. */
    void onMessage(byte[] body) {
        if (!done) {
            handle(login.onMessage(body, clock.nanos()));
        }
    }

    /** Stops retransmitting; the outcome callbacks will not fire any more. */
    void cancel() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void handle(ClientEvent event) {
        if (done) {
            return;
        }
        if (event instanceof ClientEvent.Unmatched) {
            callbacks.unmatched();
            return;
        }
        if (event instanceof ClientEvent.Send send) {
            callbacks.sendHandshake(send.body());
        } else if (event instanceof ClientEvent.ComputeProof compute) {
            worker.execute(() -> {
                if (done) {
                    return; // cancelled while queued: an Argon2 run saved
                }
                var computation = compute.work().compute();
                loop.execute(() -> {
                    if (!done) {
                        handle(login.completeProof(computation, clock.nanos()));
                    }
                });
            });
        } else if (event instanceof ClientEvent.Succeeded succeeded) {
            cancel();
            callbacks.succeeded(succeeded.result());
            return;
        } else if (event instanceof ClientEvent.Failed failed) {
            cancel();
            callbacks.failed(failed.failure());
            return;
        }
        rearm();
    }

    private void rearm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        long deadline = login.nextDeadlineNanos();
        if (!done && deadline != Long.MAX_VALUE) {
            timer = loop.schedule(() -> {
                timer = null;
                handle(login.onTimeout(clock.nanos()));
            }, Math.max(0, deadline - clock.nanos()), TimeUnit.NANOSECONDS);
        }
        log.trace("login state {}", login.state());
    }
}
