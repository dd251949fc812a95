package dev.braid.multilink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.ConfigException;
import dev.braid.core.config.ConfigLoader;
import dev.braid.multilink.protocol.MultilinkSettings;
import org.junit.jupiter.api.Test;

/** The multilink: section's keys reach the protocol settings; the product's defaults differ from the engine's. */
class MultilinkConfigTest {

    private static MultilinkSettings load(String yaml) {
        return new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("test.yaml", "multilink:\n" + yaml)
                .section("multilink", MultilinkConfig.class)
                .toSettings();
    }

    @Test
    void productDecimatesAcksOnBusyLinksAndTheEngineDoesNot() {
        MultilinkSettings product = load("  scheduler: proportional\n");
        assertEquals(2, product.ackRatio());
        assertEquals(10, product.busyAckRatio());
        assertEquals(product.ackRatio(), MultilinkSettings.defaults().busyAckRatio(), "engine: the paper's ack ratio only");
    }

    @Test
    void busyAckRatioIsAKeyWithBounds() {
        assertEquals(4, load("  busy-ack-ratio: 4\n").busyAckRatio());
        ConfigException e = assertThrows(ConfigException.class, () -> load("  busy-ack-ratio: 0\n"));
        assertTrue(e.getMessage().contains("busy-ack-ratio"), e.getMessage());
    }

    @Test
    void productQueueHoldsOneRttOfTheSlowestLinkAndTheEngineA256PacketFifo() {
        MultilinkSettings product = load("  scheduler: proportional\n");
        assertEquals(MultilinkSettings.QUEUE_DELAY_ONE_RTT, product.sharedQueueMaxDelayNanos());
        assertEquals(1024, product.sharedQueuePackets());
        assertEquals(Long.MAX_VALUE, MultilinkSettings.defaults().sharedQueueMaxDelayNanos());
        assertEquals(256, MultilinkSettings.defaults().sharedQueuePackets());
    }

    @Test
    void queueMaxDelayTakesADurationAndRejectsNonsense() {
        assertEquals(150_000_000L, load("  queue-max-delay: 150ms\n").sharedQueueMaxDelayNanos());
        ConfigException e = assertThrows(ConfigException.class, () -> load("  queue-max-delay: soon\n"));
        assertTrue(e.getMessage().contains("duration"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("  queue-max-delay: 0s\n"));
        assertTrue(e.getMessage().contains("queue-max-delay must be one-rtt or a duration above 0"), e.getMessage());
    }
}
