package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ObservedAddressTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.2", 4000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 4001);

    @Test
    void reportsTheOldAddressOnlyWhenItChanges() {
        ObservedAddress observed = new ObservedAddress();
        assertNull(observed.current());
        assertNull(observed.update(A), "first observation is no change");
        assertNull(observed.update(new InetSocketAddress("127.0.0.2", 4000)), "same address");
        assertEquals(A, observed.update(B), "rebinding: new port");
        assertEquals(B, observed.current());
    }
}
