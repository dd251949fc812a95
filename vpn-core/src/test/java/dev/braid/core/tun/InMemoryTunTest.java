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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryTunTest {
    private final InMemoryTun tun = new InMemoryTun("mem0", 1400);

    @AfterEach
    void closeTun() {
        tun.close();
    }

    private static ByteBuf packet(int marker) {
        return Unpooled.buffer(4).writeInt(marker);
    }

    @Test
    void injectedPacketsComeOutOfReadBatchInOrderAndUpToMax() {
        for (int i = 0; i < 5; i++) {
            assertTrue(tun.inject(packet(i)));
        }
        List<ByteBuf> out = new ArrayList<>();

        assertEquals(3, tun.readBatch(out, 3));
        assertEquals(2, tun.readBatch(out, 64));

        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, out.get(i).getInt(0));
            out.get(i).release();
        }
        assertEquals(0, tun.pendingInbound());
    }

    @Test
    void writtenPacketsCanBeTakenWithADeadline() throws Exception {
        ByteBuf sent = packet(42);
        tun.write(sent);

        ByteBuf taken = tun.pollWritten(5, TimeUnit.SECONDS);
        assertSame(sent, taken);
        taken.release();
        assertNull(tun.pollWritten(1, TimeUnit.MILLISECONDS), "nothing more was written");
    }

    @Test
    void writeListenerReceivesPacketsInsteadOfTheQueue() throws Exception {
        LinkedBlockingQueue<ByteBuf> seen = new LinkedBlockingQueue<>();
        tun.setWriteListener(seen::add);

        tun.write(packet(7));

        ByteBuf got = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(7, got.getInt(0));
        got.release();
        assertNull(tun.pollWritten(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void closeWakesABlockedReaderWhichGetsMinusOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return tun.readBatch(new ArrayList<>(), 8);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));

        tun.close();

        assertEquals(-1, result.get(5, TimeUnit.SECONDS));
        assertEquals(-1, tun.readBatch(new ArrayList<>(), 8), "stays closed");
    }

    @Test
    void readerBlockedOnAnEmptyDeviceGetsALaterInjection() throws Exception {
        List<ByteBuf> out = new ArrayList<>();
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> tun.readBatch(out, 8));

        tun.inject(packet(9));

        assertEquals(1, result.get(5, TimeUnit.SECONDS));
        assertEquals(9, out.get(0).getInt(0));
        out.get(0).release();
    }

    @Test
    void closeReleasesQueuedPacketsAndDropsLaterOnes() {
        ByteBuf injected = packet(1);
        ByteBuf written = packet(2);
        tun.inject(injected);
        tun.write(written);

        tun.close();
        tun.close(); // idempotent

        assertEquals(0, injected.refCnt());
        assertEquals(0, written.refCnt());
        ByteBuf late = packet(3);
        assertFalse(tun.inject(late));
        assertEquals(0, late.refCnt());
        ByteBuf lateWrite = packet(4);
        tun.write(lateWrite);
        assertEquals(0, lateWrite.refCnt());
        assertEquals(1, tun.writeDrops());
    }
}
