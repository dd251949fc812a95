package dev.braid.testbed.link;

/**
 * Drop-tail limit of the bottleneck queue: a packet is dropped when accepting it would exceed
 * {@code maxBytes} of backlog, or when it would wait longer than {@code maxDelayNanos} before
 * its serialization starts. 0 means "no limit" for either field.
 */
public record QueueLimit(long maxBytes, long maxDelayNanos) {

    public static final QueueLimit UNLIMITED = new QueueLimit(0, 0);

    public QueueLimit {
        if (maxBytes < 0 || maxDelayNanos < 0) {
            throw new IllegalArgumentException("queue limits must be >= 0");
        }
    }

    public static QueueLimit bytes(long maxBytes) {
        return new QueueLimit(maxBytes, 0);
    }

    public static QueueLimit delay(long maxDelayNanos) {
        return new QueueLimit(0, maxDelayNanos);
    }

    public boolean isUnlimited() {
        return maxBytes == 0 && maxDelayNanos == 0;
    }
}
