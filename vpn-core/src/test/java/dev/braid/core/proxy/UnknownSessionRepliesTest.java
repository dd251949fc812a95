package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The UNKNOWN_SESSION hint budgets in virtual time, under issue 19's flood: 3000 datagrams per
 * second with random session ids, while a real client whose proxy just restarted sends one
 * datagram every 100 ms (its keepalives and data) and needs one hint to log in again.
 */
class UnknownSessionRepliesTest {
    private static final long MS = 1_000_000L;
    private static final int FLOOD_PPS = 3000;
    private static final InetAddress CLIENT = address(192, 0, 2, 10);

    private final UnknownSessionReplies replies = new UnknownSessionReplies(UnknownSessionReplies.Limits.defaults());

    @Test
    void aFloodFromAFewSourcesLeavesTheRealClientItsHintAtOnce() {
        long answeredAt = floodUntilClientAnswered(i -> address(203, 0, 113, 1 + i % 3));
        assertEquals(0, answeredAt, "the first datagram after the restart gets its hint");
    }

    @Test
    void aFloodFromOneSubnetOfSpoofedAddressesLeavesTheRealClientItsHint() {
        long answeredAt = floodUntilClientAnswered(i -> address(203, 0, 113, i % 250));
        assertEquals(0, answeredAt);
    }

    @Test
    void aFloodFromThousandsOfSourcesStillAnswersTheClientWithinFiveSeconds() {
        Random random = new Random(19);
        long answeredAt = floodUntilClientAnswered(i -> address(10 + random.nextInt(200), random.nextInt(256),
                random.nextInt(256), random.nextInt(256)));
        assertTrue(answeredAt <= 5_000 * MS, "answered after " + answeredAt / MS + " ms");
    }

    @Test
    void oneSourceIsHeldToTenHintsASecondAndEverySourceTogetherToAThousand() {
        int one = 0;
        for (long t = 0; t < 1_000 * MS; t += MS) {
            one += replies.allow(address(203, 0, 113, 1), t) ? 1 : 0;
        }
        assertTrue(one <= 20 && one >= 10, "burst 10 then 10/s: " + one);

        UnknownSessionReplies fresh = new UnknownSessionReplies(UnknownSessionReplies.Limits.defaults());
        int all = 0;
        Random random = new Random(1);
        for (long t = 0; t < 1_000 * MS; t += 100_000) { // 10 000 per second, every one from elsewhere
            all += fresh.allow(address(random.nextInt(224), random.nextInt(256), random.nextInt(256), 1), t) ? 1 : 0;
        }
        assertTrue(all <= 2_000 && all >= 1_000, "burst 1000 then 1000/s: " + all);
    }

    /**
     * The flood runs from the restart; the client's first datagram comes 2 s later, when every
     * burst the flood could drain is gone. @return nanoseconds from then until it got a hint
     */
    private long floodUntilClientAnswered(IntFunction<InetAddress> floodSource) {
        long gap = 1_000_000_000L / FLOOD_PPS;
        long clientStart = 2_000 * MS + 123_457; // off the flood's beat
        long nextClient = clientStart;
        int i = 0;
        for (long t = 0; t < 20_000 * MS; t += gap) {
            if (t >= nextClient) { // the client's datagram arrives between two of the flood's
                if (replies.allow(CLIENT, t)) {
                    System.out.println("[unknown-session] client answered " + (nextClient - clientStart) / MS + " ms after its first datagram");
                    return nextClient - clientStart;
                }
                nextClient += 100 * MS;
            }
            replies.allow(floodSource.apply(i++), t);
        }
        return Long.MAX_VALUE;
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
