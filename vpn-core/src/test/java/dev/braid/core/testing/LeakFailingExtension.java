package dev.braid.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked ByteBuf (recorded by
 * {@link LeakRecordingAppender}). Registered for every test through JUnit's extension
 * auto-detection (see the parent pom); tests run with {@code -Dio.netty.leakDetection.level=paranoid}
 * so every buffer is tracked. A leak is noticed after its buffer is collected, so it may be blamed
 * on the class that runs next; the report carries the buffer's access records.
 */
public final class LeakFailingExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    /** Forces pending leak reports out and fails if any buffer leaked so far. */
    public static void assertNoLeaks(String where) {
        for (int round = 0; round < 3; round++) {
            provokeOnce();
        }
        List<String> found = LeakRecordingAppender.drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " ByteBuf leak(s) reported during or before " + where + ":\n"
                    + String.join("\n---\n", found));
        }
    }

    /**
     * Keeps collecting until a leak has been reported or {@code timeoutMillis} passed (for the test
     * that proves the guard works: the reference queue fills asynchronously after a GC).
     */
    static boolean awaitAnyLeakReport(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (LeakRecordingAppender.isEmpty() && System.currentTimeMillis() < deadline) {
            provokeOnce();
            Thread.sleep(20);
        }
        return !LeakRecordingAppender.isEmpty();
    }

    /** Leaks are reported when a collected, unreleased buffer is noticed on a later allocation. */
    private static void provokeOnce() {
        System.gc();
        System.runFinalization();
        for (int i = 0; i < 32; i++) {
            ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
            ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
            a.release();
            b.release();
        }
    }
}
