package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The answer to a {@link Probe}: its seq and timestamp echoed, and the source address the
 * answering side saw the probe come from (like STUN's mapped address, RFC 8489 section 14.2).
 */
public record ProbeReply(long seq, long txNanos, InetSocketAddress observed) {
    public ProbeReply {
        if (seq < 0 || seq > 0xffff_ffffL) {
            throw new IllegalArgumentException("seq is a u32: " + seq);
        }
        Objects.requireNonNull(observed, "observed");
        if (observed.isUnresolved()) {
            throw new IllegalArgumentException("observed address must be resolved: " + observed);
        }
    }
}
