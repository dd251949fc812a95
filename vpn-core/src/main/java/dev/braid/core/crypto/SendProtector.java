package dev.braid.core.crypto;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending half of packet protection for one session.
 *
 * <pre>
 * 1. nextCounter(link, now): per-link counter (never reused), rotates the key when a limit is hit
 * 2. caller writes counter and epoch() (2 bits) into its header
 * 3. seal(link, counter, epoch, encrypt, header as AAD, payload): AEAD or authenticated-only
 * </pre>
 *
 * <p>Counters keep counting across key epochs so the receiver's per-link replay windows stay valid.
 * Not thread-safe: use from one thread (the session's event loop).
 */
public final class SendProtector {

    private static final Logger LOG = LoggerFactory.getLogger(SendProtector.class);
    private static final long LAST_USABLE_COUNTER = -2L; // 2^64-2 unsigned; 2^64-1 is refused

    private final CipherSuite suite;
    private final RekeyLimits limits;
    private byte[] currentKey;
    private Aead current;
    private Aead previous;
    private int epoch;
    private int previousEpoch = -1;
    private long packetsUnderKey;
    private long keyInstalledNanos;

    private int[] linkIds = new int[4];
    private long[] nextCounters = new long[4];
    private int linkCount;

    /**
     * @param initialKey the direction's session key (epoch 0); copied
     */
    public SendProtector(CipherSuite suite, byte[] initialKey, RekeyLimits limits, long nowNanos) {
        this.suite = suite;
        this.limits = limits;
        this.currentKey = initialKey.clone();
        this.current = suite.newAead(currentKey);
        this.keyInstalledNanos = nowNanos;
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Epoch (0..3) of the current key, to be carried in the header of the packet just numbered. */
    public int epoch() {
        return epoch;
    }

    /**
     * Reserves the next counter of {@code linkId} and counts the packet against the key's limits,
     * rotating to the next epoch first if a limit is reached. Read {@link #epoch()} after this call.
     *
     * @throws CounterExhaustedException when the link's counter would reach 2^64-1
     */
    public long nextCounter(int linkId, long nowNanos) {
        int slot = slotOf(linkId);
        long counter = nextCounters[slot];
        if (Long.compareUnsigned(counter, LAST_USABLE_COUNTER) > 0) {
            throw new CounterExhaustedException(linkId);
        }
        nextCounters[slot] = counter + 1;
        if (packetsUnderKey >= limits.packetsPerKey() || nowNanos - keyInstalledNanos >= limits.maxKeyAgeNanos()) {
            rotate(nowNanos);
        }
        packetsUnderKey++;
        return counter;
    }

    /**
     * Protects one packet. With {@code encrypt} and an encrypting suite the payload is encrypted;
     * otherwise (or always with {@link CipherSuite#NONE}) it stays in clear and only the tag is added.
     *
     * @param epoch the epoch returned by {@link #epoch()} right after {@code nextCounter}; the current
     *              or the immediately previous one
     * @return bytes written to {@code out}: {@code inLen + Aead.TAG_LENGTH}
     */
    public int seal(int linkId, long counter, int epoch, boolean encrypt,
                    byte[] aad, int aadOff, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead aead = aeadFor(epoch);
        if (encrypt && suite.encrypts()) {
            return aead.seal(linkId, counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
        }
        return aead.sealAuthenticated(linkId, counter, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
    }

    private Aead aeadFor(int requestedEpoch) {
        if (requestedEpoch == epoch) {
            return current;
        }
        if (requestedEpoch == previousEpoch && previous != null) {
            return previous;
        }
        throw new IllegalArgumentException("epoch " + requestedEpoch + " is not current (" + epoch + ")");
    }

    private void rotate(long nowNanos) {
        byte[] next = KeySchedule.nextKey(currentKey);
        Arrays.fill(currentKey, (byte) 0);
        currentKey = next;
        previous = current;
        previousEpoch = epoch;
        current = suite.newAead(currentKey);
        epoch = (epoch + 1) & 3;
        LOG.debug("send key rotated to epoch {} after {} packets", epoch, packetsUnderKey);
        packetsUnderKey = 0;
        keyInstalledNanos = nowNanos;
    }

    private int slotOf(int linkId) {
        for (int i = 0; i < linkCount; i++) {
            if (linkIds[i] == linkId) {
                return i;
            }
        }
        if (linkCount == linkIds.length) {
            linkIds = Arrays.copyOf(linkIds, linkCount * 2);
            nextCounters = Arrays.copyOf(nextCounters, linkCount * 2);
        }
        linkIds[linkCount] = linkId;
        nextCounters[linkCount] = 0;
        return linkCount++;
    }

    /** Test hook: jump a link's next counter (to test exhaustion without 2^64 packets). */
    void setNextCounterForTest(int linkId, long next) {
        nextCounters[slotOf(linkId)] = next;
    }
}
