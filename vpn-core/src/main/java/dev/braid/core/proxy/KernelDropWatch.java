package dev.braid.core.proxy;

import dev.braid.core.net.KernelUdpErrors;
import java.time.Duration;

/**
 * Tells the operator when the kernel loses UDP datagrams on the proxy's host, which the proxy
 * cannot see by itself ({@link KernelUdpErrors}): its clients would only meet silence, logins
 * would time out and sessions go quiet with nothing in the proxy's log. Sans-I/O, counts and
 * time from the caller; the first sample is the baseline (what happened before the proxy
 * started is not its), then growth is summed and reported at most once per {@link #WINDOW}.
 */
final class KernelDropWatch {
    static final Duration WINDOW = Duration.ofSeconds(60);

    private KernelUdpErrors last;
    private KernelUdpErrors unreported = KernelUdpErrors.NONE;
    private long quietUntilNanos;

    /** @return a warning to log now, or null */
    String sample(KernelUdpErrors now, long nowNanos) {
        if (last == null) {
            last = now;
            quietUntilNanos = nowNanos;
            return null;
        }
        KernelUdpErrors grown = now.since(last);
        last = now;
        unreported = new KernelUdpErrors(unreported.receiveBuffer() + grown.receiveBuffer(),
                unreported.sendBuffer() + grown.sendBuffer());
        if (unreported.isZero() || nowNanos - quietUntilNanos < 0) {
            return null;
        }
        String warning = describe(unreported);
        unreported = KernelUdpErrors.NONE;
        quietUntilNanos = nowNanos + WINDOW.toNanos();
        return warning;
    }

    private static String describe(KernelUdpErrors lost) {
        StringBuilder out = new StringBuilder("the kernel lost UDP datagrams on this host (UDP does not tell the sender):");
        if (lost.sendBuffer() > 0) {
            out.append(' ').append(lost.sendBuffer()).append(" sends failed (Udp SndbufErrors); with many clients on"
                    + " the proxy's own link the neighbour table may be full (dmesg 'neighbor table overflow':"
                    + " raise net.ipv4.neigh.default.gc_thresh3), else a send buffer or a device queue is full");
        }
        if (lost.receiveBuffer() > 0) {
            out.append(lost.sendBuffer() > 0 ? ";" : "").append(' ').append(lost.receiveBuffer())
                    .append(" arrived to a full receive buffer (Udp RcvbufErrors)");
        }
        return out.toString();
    }
}
