package dev.braid.testbed.bench.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.link.CapacityTrace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticTraceTest {

    @Test
    void shippedTracesAreExactlyTheGeneratorsOutput() throws IOException {
        for (SyntheticTrace.Shipped s : SyntheticTrace.Shipped.values()) {
            try (InputStream in = SyntheticTrace.class.getResourceAsStream("/traces/" + s.file())) {
                List<String> shipped = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
                assertEquals(s.generate(), shipped, s.file() + ": rerun SyntheticTrace.main to regenerate");
            }
        }
    }

    @Test
    void averagesAreThePapersRatesAndTheCapacityVaries() {
        assertAverage(SyntheticTrace.Shipped.WLAN.load(), 4_000_000);
        assertAverage(SyntheticTrace.Shipped.HSDPA.load(), 2_500_000);
    }

    private static void assertAverage(CapacityTrace trace, double mean) {
        assertEquals(SyntheticTrace.PERIOD_MS * 1_000_000L, trace.periodNanos());
        assertEquals(mean, trace.averageRateBitsPerSecond(), mean * 0.001, trace.toString());
        // Per second: bounded around the mean, and not constant.
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int s = 0; s < SyntheticTrace.PERIOD_MS / 1000; s++) {
            long from = trace.firstOpportunityAtOrAfter(s * 1_000_000_000L + 1);
            long to = trace.firstOpportunityAtOrAfter((s + 1) * 1_000_000_000L + 1);
            double rate = (to - from) * CapacityTrace.OPPORTUNITY_BYTES * 8.0;
            min = Math.min(min, rate);
            max = Math.max(max, rate);
        }
        assertTrue(min > 0.1 * mean && max < 2.5 * mean, min + " .. " + max);
        assertTrue(max - min > 0.3 * mean, "variable capacity: " + min + " .. " + max);
    }

    @Test
    void sameSeedSameTraceOtherSeedAnother() {
        assertEquals(SyntheticTrace.generate(1_000_000, 5_000, 0.5, 0.1, 0.02, 7),
                SyntheticTrace.generate(1_000_000, 5_000, 0.5, 0.1, 0.02, 7));
        assertNotEquals(SyntheticTrace.generate(1_000_000, 5_000, 0.5, 0.1, 0.02, 7),
                SyntheticTrace.generate(1_000_000, 5_000, 0.5, 0.1, 0.02, 8));
        List<String> lines = SyntheticTrace.generate(1_000_000, 5_000, 0.5, 0.1, 0.02, 7);
        assertEquals("5000", lines.get(lines.size() - 1), "the last timestamp is the period");
    }
}
