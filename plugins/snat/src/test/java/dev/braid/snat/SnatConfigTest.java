package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnatConfigTest {

    @Test
    void defaults() {
        SnatConfig config = new SnatConfig();
        assertEquals("auto", config.getEgressInterface());
        assertTrue(config.egressIsAuto());
        assertEquals("braid_snat", config.getTable());
        assertTrue(config.isEnableForwarding());
    }

    @Test
    void setters() {
        SnatConfig config = new SnatConfig();
        config.setEgressInterface("eth1");
        config.setTable("other_snat");
        config.setEnableForwarding(false);
        assertEquals("eth1", config.getEgressInterface());
        assertFalse(config.egressIsAuto());
        assertEquals("other_snat", config.getTable());
        assertFalse(config.isEnableForwarding());
    }

    @Test
    void blankEgressMeansAuto() {
        SnatConfig config = new SnatConfig();
        config.setEgressInterface(" ");
        assertTrue(config.egressIsAuto());
        config.setEgressInterface(null);
        assertTrue(config.egressIsAuto());
    }
}
