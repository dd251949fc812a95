package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** CCID2 (plain and Westwood) state stays sane under arbitrary (also bogus) acks, losses and timeouts. */
class Ccid2PropertiesTest {
    private static final long MS = 1_000_000L;

    @Property(tries = 200)
    void stateStaysWithinBounds(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
                                @ForAll @IntRange(min = 1, max = 2000) int steps,
                                @ForAll boolean westwood) {
        Random rnd = new Random(seed);
        Ccid2 cc = westwood ? Ccid2.westwood(MultilinkSettings.defaults()) : new Ccid2(MultilinkSettings.defaults());
        long now = 0;
        long next = 0;
        for (int i = 0; i < steps; i++) {
            now += rnd.nextInt(20) * MS;
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    while (cc.canSend() && rnd.nextBoolean()) {
                        cc.onSent(now, next++);
                    }
                }
                case 2 -> {
                    // A random (possibly stale, overlapping or bogus) ack vector.
                    int runs = 1 + rnd.nextInt(4);
                    byte[] vector = new byte[runs];
                    for (int r = 0; r < runs; r++) {
                        int state = r == 0 || rnd.nextBoolean() ? AckMessage.STATE_RECEIVED
                                : AckMessage.STATE_NOT_RECEIVED;
                        vector[r] = (byte) (state | rnd.nextInt(8));
                    }
                    long ackNo = next - 1 - rnd.nextInt(10) + (rnd.nextInt(20) == 0 ? 5 : 0);
                    AckMessage m = new AckMessage((int) ackNo, 0, rnd.nextInt(5000), 0, vector);
                    cc.onAck(now, AckInfo.from(m, next - 1));
                }
                default -> cc.onTimeout(now);
            }
            assertTrue(cc.pipe() >= 0, "pipe " + cc.pipe());
            assertTrue(cc.pipe() <= cc.historySize(), "pipe within history");
            assertTrue(cc.cwnd() >= 1, "cwnd " + cc.cwnd());
            assertTrue(cc.ssthresh() >= 2, "ssthresh " + cc.ssthresh());
            assertTrue(cc.rtoNanos() >= 200 * MS && cc.rtoNanos() <= 64_000 * MS, "rto");
            assertTrue(cc.historySize() <= cc.cwnd() + cc.pipe() + 64, "history " + cc.historySize());
            assertTrue(cc.pipe() > 0 || cc.nextTimeoutNanos() == Long.MAX_VALUE || cc.pipe() == 0);
        }
    }
}
