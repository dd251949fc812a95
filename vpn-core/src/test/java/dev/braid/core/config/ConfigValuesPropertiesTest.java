package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the effective config prints for a value parses back to the same value. */
class ConfigValuesPropertiesTest {

    @Property
    void dataSizeTextRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        assertEquals(size, DataSize.parse(size.toString()));
    }

    @Property
    void dataRateTextRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bitsPerSecond) {
        DataRate rate = DataRate.ofBitsPerSecond(bitsPerSecond);
        assertEquals(rate, DataRate.parse(rate.toString()));
    }

    @Property
    void durationTextRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        assertEquals(duration, Durations.parse(Durations.format(duration)));
    }

    @Property
    void cidrTextRoundTrips(@ForAll int address, @ForAll @IntRange(min = 0, max = 32) int prefixLength) {
        int network = prefixLength == 0 ? 0 : address & (-1 << (32 - prefixLength));
        String text = (network >>> 24) + "." + (network >>> 16 & 0xFF) + "." + (network >>> 8 & 0xFF) + "."
                + (network & 0xFF) + "/" + prefixLength;
        assertEquals(text, IpPrefix.parse(text).toString());
    }
}
