package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeliveryRateEstimatorTest {
    private static final long MS = 1_000_000L;

    /** One ack per millisecond carrying {@code perAck} packets, for {@code ms} milliseconds from {@code from}. */
    private static long feed(DeliveryRateEstimator e, long from, long ms, int perAck, boolean limited, long srtt) {
        for (long t = from; t < from + ms; t++) {
            e.onAcked(t * MS, perAck, limited, srtt);
        }
        return from + ms;
    }

    @Test
    void firstIntervalIsTakenAsItIs() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        assertEquals(0, e.packetsPerSecond());
        feed(e, 0, 101, 1, true, 100 * MS); // the ack at 0 opens the interval, 100 more close it
        assertEquals(1000, e.packetsPerSecond(), 1e-6);
        assertEquals(100, e.window(100 * MS));
    }

    @Test
    void estimateIsTheLargestOfTheLastTenSamples() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        long t = feed(e, 0, 101, 3, true, 100 * MS); // 3000 packets/s
        t = feed(e, t, 900, 1, true, 100 * MS); // nine window-limited samples at 1000/s
        assertEquals(3000, e.packetsPerSecond(), 1e-6, "a slower link after a loss is not a slower bottleneck");
        feed(e, t, 100, 1, true, 100 * MS); // the tenth pushes the 3000 out
        assertEquals(1000, e.packetsPerSecond(), 1e-6);
    }

    @Test
    void intervalIsAtLeastFiftyMilliseconds() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        feed(e, 0, 50, 1, true, 5 * MS);
        assertEquals(0, e.packetsPerSecond(), "a 5 ms RTT still samples over 50 ms");
        feed(e, 50, 1, 1, true, 5 * MS);
        assertEquals(1000, e.packetsPerSecond(), 1e-6);
    }

    @Test
    void applicationLimitedSamplesOnlyRaiseTheEstimate() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        long t = feed(e, 0, 101, 2, true, 100 * MS); // 2000 packets/s
        t = feed(e, t, 1000, 1, false, 100 * MS); // ten app-limited intervals at 1000/s
        assertEquals(2000, e.packetsPerSecond(), 1e-6, "an idle inner flow is not a slower link");
        feed(e, t, 100, 4, false, 100 * MS); // app-limited but faster: capacity shown
        assertEquals(4000, e.packetsPerSecond(), 1e-6);
    }
}
