package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TunReaderTest {

    @Test
    void deliversInjectedPacketsAndStopsOnClose() throws Exception {
        InMemoryTun tun = new InMemoryTun("mem1", 1500);
        LinkedBlockingQueue<ByteBuf> received = new LinkedBlockingQueue<>();
        TunReader reader = TunReader.start(tun, 4, batch -> received.addAll(batch));
        try {
            assertEquals("braid-tun-reader-mem1", reader.threadName());
            for (int i = 0; i < 10; i++) {
                tun.inject(Unpooled.buffer(4).writeInt(i));
            }
            for (int i = 0; i < 10; i++) {
                ByteBuf p = received.poll(5, TimeUnit.SECONDS);
                assertEquals(i, p.getInt(0));
                p.release();
            }
        } finally {
            tun.close();
        }
        assertTrue(reader.awaitStop(5, TimeUnit.SECONDS));
        assertFalse(reader.isRunning());
        assertNull(reader.failure());
    }

    @Test
    void survivesTransientErrorsAndStopsOnFatalOnes() throws Exception {
        ScriptedTun tun = new ScriptedTun();
        LinkedBlockingQueue<ByteBuf> received = new LinkedBlockingQueue<>();
        CompletableFuture<TunException> fatal = new CompletableFuture<>();

        TunReader reader = TunReader.start(tun, 8, received::addAll, fatal::complete);

        TunException e = fatal.get(5, TimeUnit.SECONDS);
        assertEquals(TunException.Reason.DEVICE_GONE, e.reason());
        assertTrue(reader.awaitStop(5, TimeUnit.SECONDS));
        assertSame(e, reader.failure());
        ByteBuf p = received.poll(5, TimeUnit.SECONDS);
        assertEquals(1, p.getInt(0), "the packet after the EINTR was delivered");
        p.release();
        assertEquals(4, tun.calls.get(), "EINTR, packet, EAGAIN, then the fatal error");
    }

    @Test
    void aThrowingConsumerDoesNotStopTheReader() throws Exception {
        InMemoryTun tun = new InMemoryTun("mem2", 1500);
        LinkedBlockingQueue<ByteBuf> received = new LinkedBlockingQueue<>();
        AtomicInteger batches = new AtomicInteger();
        TunReader reader = TunReader.start(tun, 1, batch -> {
            if (batches.incrementAndGet() == 1) {
                batch.forEach(ByteBuf::release);
                throw new IllegalStateException("boom");
            }
            received.addAll(batch);
        });
        try {
            tun.inject(Unpooled.buffer(4).writeInt(1));
            tun.inject(Unpooled.buffer(4).writeInt(2));
            ByteBuf p = received.poll(5, TimeUnit.SECONDS);
            assertEquals(2, p.getInt(0));
            p.release();
        } finally {
            tun.close();
        }
        assertTrue(reader.awaitStop(5, TimeUnit.SECONDS));
    }

    /** Fails with EINTR, returns one packet, fails with EAGAIN, then with a fatal error. */
    private static final class ScriptedTun implements TunDevice {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public int readBatch(List<ByteBuf> out, int max) {
            switch (calls.incrementAndGet()) {
                case 1:
                    throw new TunException(TunException.Reason.IO, Errno.EINTR, "interrupted");
                case 2:
                    out.add(Unpooled.buffer(4).writeInt(1));
                    return 1;
                case 3:
                    throw new TunException(TunException.Reason.IO, Errno.EAGAIN, "again");
                default:
                    throw TunErrors.deviceGone("scripted");
            }
        }

        @Override
        public void write(ByteBuf packet) {
            packet.release();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void rejectsANonPositiveBatchSize() {
        InMemoryTun tun = new InMemoryTun("mem3", 1500);
        try {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TunReader.start(tun, 0, b -> { }));
        } finally {
            tun.close();
        }
        assertEquals(-1, tun.readBatch(new ArrayList<>(), 1));
    }
}
