package dev.braid.natprobe.protocol;

/**
 * A liveness probe. {@code seq} is a u32 counter per link; {@code txNanos} is the sender's clock
 * when it sent the probe, echoed back so the sender measures RTT without keeping a table.
 */
public record Probe(long seq, long txNanos) {
    public Probe {
        if (seq < 0 || seq > 0xffff_ffffL) {
            throw new IllegalArgumentException("seq is a u32: " + seq);
        }
    }
}
