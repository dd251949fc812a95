package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueSettingsTest {
    private static final long MS = 1_000_000L;

    @Test
    void defaultsAreTheDocumentedOnes() {
        QueueSettings d = QueueSettings.defaults();
        assertTrue(d.aqm());
        assertEquals(5 * MS, d.targetNanos());
        assertEquals(QueueSettings.INTERVAL_LARGEST_RTT, d.intervalNanos());
        assertEquals(1500, d.quantumBytes());
        assertEquals(1024, d.maxPackets());
        assertEquals(1024L * 1500, d.maxBytes());
        assertEquals(1.0, d.redundancyRatio());
        assertEquals(50 * MS, d.redundancySaveNanos());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void theAutomaticIntervalIsTheLargestRttButAtLeast100Ms() {
        QueueSettings d = QueueSettings.defaults();
        assertEquals(100 * MS, d.intervalNanosFor(0));
        assertEquals(100 * MS, d.intervalNanosFor(30 * MS));
        assertEquals(250 * MS, d.intervalNanosFor(250 * MS));
        assertEquals(40 * MS, d.toBuilder().intervalNanos(40 * MS).build().intervalNanosFor(250 * MS));
        QueueSettings fromRtt = d.toBuilder().targetNanos(QueueSettings.TARGET_FROM_RTT).build();
        assertEquals(40 * MS, fromRtt.targetNanosFor(30 * MS), "40 % of the 100 ms floor");
        assertEquals(100 * MS, fromRtt.targetNanosFor(250 * MS));
        assertEquals(5 * MS, fromRtt.toBuilder().intervalNanos(10 * MS).build().targetNanosFor(0), "at least 5 ms");
    }

    @Test
    void badValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().targetNanos(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> QueueSettings.builder().targetNanos(10 * MS).intervalNanos(10 * MS).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().targetNanos(100 * MS).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().quantumBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().maxPackets(0).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().maxBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().redundancyRatio(-0.1).build());
        assertThrows(IllegalArgumentException.class,
                () -> QueueSettings.builder().redundancyRatio(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> QueueSettings.builder().redundancySaveNanos(0).build());
    }
}
