package dev.braid.multilink.protocol;

/**
 * A link's retransmission timer as {@link Bbr} runs it, made to tell a stalled host from a dead
 * path. It is armed while packets are in flight and re-armed by every ack. A wake-up that comes
 * more than {@link #LATE_WAKE_NANOS} after the deadline means the host did not run (a JVM pause,
 * a descheduled event loop), and the acks that arrived meanwhile may still wait to be read: the
 * timer then gives them {@link #STALL_GRACE_NANOS} before it expires. An ack of a packet the last
 * expiry forgot shows the expiry was spurious (the packet was delivered): the back-off is undone
 * and the one-packet probe ends at once.
 */
final class RetransmitTimer {
    static final long LATE_WAKE_NANOS = 10_000_000L;
    static final long STALL_GRACE_NANOS = 10_000_000L;

    private final LinkRtt rtt;
    private long deadline = Long.MAX_VALUE;
    private boolean graceGiven;
    private boolean recovering;
    /** Seqs (highAcked, head) the last expiry forgot: an ack of one of them proves it spurious. */
    private long forgottenAbove = Long.MAX_VALUE;
    private long forgottenBelow = Long.MIN_VALUE;
    private long spurious;

    RetransmitTimer(LinkRtt rtt) {
        this.rtt = rtt;
    }

    /** A packet left; the timer starts if none was running. */
    void onSent(long nowNanos) {
        if (deadline == Long.MAX_VALUE) {
            deadline = nowNanos + rtt.rto();
        }
    }

    /** An ack acked new packets: recovery is over and the timer restarts, or stops with nothing in flight. */
    void onProgress(long nowNanos, int pipe) {
        recovering = false;
        graceGiven = false;
        deadline = pipe == 0 ? Long.MAX_VALUE : nowNanos + rtt.rto();
    }

    /**
     * Whether the timer expires now. On expiry the caller forgets every packet in flight: those
     * above {@code highAcked} and below {@code head} are the ones a later ack may prove delivered.
     */
    boolean expires(long nowNanos, long highAcked, long head) {
        if (nowNanos < deadline) {
            return false;
        }
        if (!graceGiven && nowNanos - deadline > LATE_WAKE_NANOS) {
            graceGiven = true;
            deadline = nowNanos + STALL_GRACE_NANOS;
            return false;
        }
        forgottenAbove = highAcked;
        forgottenBelow = head;
        rtt.backOff();
        recovering = true;
        graceGiven = false;
        deadline = Long.MAX_VALUE;
        return true;
    }

    /** An ack whose highest seq is {@code ackNumber}: if it names a packet the expiry forgot, the expiry is undone. */
    void onAck(long ackNumber) {
        if (recovering && ackNumber > forgottenAbove && ackNumber < forgottenBelow) {
            recovering = false;
            rtt.undoBackOff();
            spurious++;
        }
    }

    /** After an expiry and until an ack: one packet probes the link. */
    boolean recovering() {
        return recovering;
    }

    long deadline() {
        return deadline;
    }

    /** Expiries later shown spurious. */
    long spuriousExpiries() {
        return spurious;
    }
}
