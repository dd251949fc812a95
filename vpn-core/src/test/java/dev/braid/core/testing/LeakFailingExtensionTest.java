package dev.braid.core.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak guard must itself catch a leak, or every "no leak" verdict means nothing. */
class LeakFailingExtensionTest {

    @Test
    void aDroppedBufferIsReported() throws InterruptedException {
        assertTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "tests must run with -Dio.netty.leakDetection.level=paranoid");
        leakOne();
        assertTrue(LeakFailingExtension.awaitAnyLeakReport(10_000), "no leak report within 10 s");
        assertThrows(AssertionError.class, () -> LeakFailingExtension.assertNoLeaks("this test"),
                "a leaked buffer went unnoticed");
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeLong(42);
        // not released on purpose
    }
}
