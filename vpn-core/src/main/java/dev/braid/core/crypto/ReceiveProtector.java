package dev.braid.core.crypto;

import dev.braid.core.wire.DropReason;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receiving half of packet protection for one session.
 *
 * <pre>
 * 1. pick the key by the header's 2-bit epoch relative to the current one:
 *    -1 previous, 0 current, +1 next, +2 the one after (the four values of 2 bits)
 * 2. verify the tag (and decrypt), else BAD_TAG
 * 3. only then check and mark the link's replay window, else REPLAY
 * 4. an authentic packet of a later epoch makes it current (the sender rotated)
 * </pre>
 * Accepting +2 keeps the session alive when every packet of one whole epoch was lost (e.g. the
 * sender rotated by time during an outage). The later keys are derived ahead of time, so a forged
 * epoch costs the same as any forged packet: one failed tag check.
 *
 * <p>Drops never throw; they return -1 and are counted by {@link DropReason}. Not thread-safe.
 */
public final class ReceiveProtector {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveProtector.class);

    private final CipherSuite suite;
    private final RekeyLimits limits;
    private final long[] drops = new long[DropReason.values().length];
    private DropReason lastDrop;
    private Aead previous;
    private Aead current;
    private Aead next;
    private Aead afterNext;
    private byte[] afterNextKey;
    private int epoch;

    private int[] linkIds = new int[4];
    private ReplayWindow[] windows = new ReplayWindow[4];
    private int linkCount;

    /**
     * @param initialKey the direction's session key (epoch 0); copied
     */
    public ReceiveProtector(CipherSuite suite, byte[] initialKey, RekeyLimits limits) {
        this.suite = suite;
        this.limits = limits;
        this.current = suite.newAead(initialKey.clone());
        byte[] nextKey = KeySchedule.nextKey(initialKey);
        this.next = suite.newAead(nextKey);
        this.afterNextKey = KeySchedule.nextKey(nextKey);
        this.afterNext = suite.newAead(afterNextKey);
        Arrays.fill(nextKey, (byte) 0);
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Epoch (0..3) of the newest key seen in an authentic packet. */
    public int epoch() {
        return epoch;
    }

    /** Packets dropped for {@code reason} since creation. */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /**
     * Verifies (and with {@code encrypted} and an encrypting suite, decrypts) one packet.
     * {@code encrypted} must match what the sender passed to {@link SendProtector#seal}.
     *
     * @param wireCounter the header's counter: its low 32 bits are used, the rest is restored from
     *                    the highest counter accepted on the link ({@link CounterExpansion})
     * @param in  payload (ciphertext or clear) followed by the 16-byte tag
     * @return payload length written to {@code out}, or -1 if dropped (counted by reason)
     */
    public int open(int linkId, long wireCounter, int epoch, boolean encrypted,
                    byte[] aad, int aadOff, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (inLen < Aead.TAG_LENGTH) {
            return drop(DropReason.TOO_SHORT);
        }
        // Looked up, not created: a forged link id must not cost memory before its tag is checked.
        ReplayWindow window = findWindow(linkId);
        long counter = CounterExpansion.expand(window == null ? 0 : window.highest(), wireCounter);
        int ahead = (epoch - this.epoch) & 3; // 0 current, 1 next, 2 after next, 3 previous
        Aead aead = switch (ahead) {
            case 0 -> current;
            case 1 -> next;
            case 2 -> afterNext;
            default -> previous;
        };
        if (aead == null || epoch < 0 || epoch > 3) {
            return drop(DropReason.UNKNOWN_EPOCH);
        }
        int length = encrypted && suite.encrypts()
                ? aead.open(linkId, counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff)
                : aead.openAuthenticated(linkId, counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
        if (length < 0) {
            return drop(DropReason.BAD_TAG);
        }
        if (window == null) {
            window = addWindow(linkId);
        }
        if (!window.accept(counter)) {
            return drop(DropReason.REPLAY);
        }
        if (ahead == 1 || ahead == 2) {
            advance();
            if (ahead == 2) {
                advance();
            }
        }
        return length;
    }

    private void advance() {
        byte[] following = KeySchedule.nextKey(afterNextKey);
        Arrays.fill(afterNextKey, (byte) 0);
        afterNextKey = following;
        previous = current;
        current = next;
        next = afterNext;
        afterNext = suite.newAead(afterNextKey);
        epoch = (epoch + 1) & 3;
        LOG.debug("receive key advanced to epoch {}", epoch);
    }

    private int drop(DropReason reason) {
        drops[reason.ordinal()]++;
        lastDrop = reason;
        return -1;
    }

    /** Why the last {@link #open} returned -1. */
    public DropReason lastDropReason() {
        return lastDrop;
    }

    private ReplayWindow findWindow(int linkId) {
        for (int i = 0; i < linkCount; i++) {
            if (linkIds[i] == linkId) {
                return windows[i];
            }
        }
        return null;
    }

    private ReplayWindow addWindow(int linkId) {
        if (linkCount == linkIds.length) {
            linkIds = Arrays.copyOf(linkIds, linkCount * 2);
            windows = Arrays.copyOf(windows, linkCount * 2);
        }
        linkIds[linkCount] = linkId;
        windows[linkCount] = new ReplayWindow(limits.replayWindowBlocks(), ReplayWindow.NO_LIMIT);
        return windows[linkCount++];
    }
}
