package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.testing.Prerequisites;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real TUN device in the root namespace. Traffic only goes to addresses of a test-only
 * 10.213.x.0/30 on the test's own TUN, so it never leaves the machine.
 */
class LinuxTunRootTest {
    private static final long WAIT_SECONDS = 10;

    private final PooledByteBufAllocator allocator = new PooledByteBufAllocator(true);
    private final InterfaceConfigurator config = new InterfaceConfigurator();
    private final List<String> createdNames = new ArrayList<>();
    private final List<TunDevice> opened = new ArrayList<>();
    private final LinkedBlockingQueue<ByteBuf> fromTun = new LinkedBlockingQueue<>();
    private String name;
    private Inet4Address local;
    private Inet4Address peer;

    @BeforeEach
    void setUp() throws Exception {
        RootTestSupport.requireRootWithTun();
        name = RootTestSupport.uniqueDeviceName();
        createdNames.add(name);
        int x = RootTestSupport.randomSubnetOctet();
        local = (Inet4Address) InetAddress.getByName("10.213." + x + ".1");
        peer = (Inet4Address) InetAddress.getByName("10.213." + x + ".2");
    }

    @AfterEach
    void cleanUp() {
        opened.forEach(TunDevice::close);
        createdNames.forEach(RootTestSupport::deleteLinkQuietly);
        ByteBuf leftover;
        while ((leftover = fromTun.poll()) != null) {
            leftover.release();
        }
    }

    private LinuxTun open(String pattern) {
        LinuxTun tun = LinuxTun.open(pattern, allocator);
        opened.add(tun);
        createdNames.add(tun.name());
        return tun;
    }

    private LinuxTun openConfiguredTun() {
        return openConfiguredTun(TunOptions.DEFAULT);
    }

    private LinuxTun openConfiguredTun(TunOptions options) {
        LinuxTun tun = LinuxTun.open(name, allocator, options);
        opened.add(tun);
        config.setIpv4Address(tun.name(), local, 30);
        config.setUp(tun.name());
        return tun;
    }

    /** Waits for the first packet from the TUN that matches, releasing the others. */
    private ByteBuf awaitPacket(Predicate<ByteBuf> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            ByteBuf p = fromTun.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
            if (p == null) {
                throw new AssertionError("no matching packet on " + name + " within " + WAIT_SECONDS + " s");
            }
            if (wanted.test(p)) {
                return p;
            }
            p.release(); // IPv6 router solicitations and the like
        }
    }

    @Test
    void aTunHeldByALiveProcessIsNamedWithItsPidAndNotDeleted() throws Exception {
        LinuxTun held = LinuxTun.open(name, allocator);
        opened.add(held);
        long self = ProcessHandle.current().pid();
        // The owner lookup as another process would see this one: -1 is nobody's PID.
        TunOwners asSeenByAnother = new TunOwners(java.nio.file.Path.of("/proc"), -1);
        assertEquals(java.util.OptionalLong.of(self), asSeenByAnother.ownerOf(name));
        KernelTunFactory second = new KernelTunFactory(allocator, config, asSeenByAnother);
        TunException refused = assertThrows(TunException.class,
                () -> second.create(new TunSpec(name, local, 30, 1400, List.of())));
        assertEquals(TunException.Reason.NAME_IN_USE, refused.reason());
        assertTrue(refused.getMessage().startsWith("TUN " + name + " is in use by ")
                && refused.getMessage().contains(" " + self + ": stop it first"), refused.getMessage());
        Process show = new ProcessBuilder("ip", "link", "show", "dev", name).redirectErrorStream(true).start();
        assertEquals(0, show.waitFor(), "the held TUN must not be deleted as stale");
    }

    @Test
    void pingToThePeerAppearsOnReadBatchAndOurHandBuiltReplyCompletesIt() throws Exception {
        Prerequisites.ofThisRun().tools("ping");
        LinuxTun tun = openConfiguredTun();
        assertEquals(name, tun.name());
        TunReader reader = TunReader.start(tun, TunReader.DEFAULT_BATCH_SIZE, fromTun::addAll);
        Process ping = new ProcessBuilder("ping", "-n", "-c", "1", "-W", "5", peer.getHostAddress())
                .redirectErrorStream(true).start();
        try {
            ByteBuf request = awaitPacket(p -> Ipv4Packets.isIpv4(p)
                    && Ipv4Packets.protocol(p) == Ipv4Packets.ICMP && Ipv4Packets.destination(p).equals(peer));
            try {
                assertEquals(8, Ipv4Packets.icmpType(request), "echo request");
                assertEquals(local, Ipv4Packets.source(request));
                assertTrue(request.isDirect(), "read straight into a direct buffer");
                tun.write(Ipv4Packets.echoReplyTo(request));
            } finally {
                request.release();
            }
            assertTrue(ping.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "ping finished");
            String output = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ping.exitValue(), "ping got its reply: " + output);
        } finally {
            if (ping.isAlive()) {
                ping.destroyForcibly();
            }
        }
        tun.close();
        assertTrue(reader.awaitStop(WAIT_SECONDS, TimeUnit.SECONDS), "reader stopped on close");
        assertFalse(config.linkExists(name), "the device is gone after close");
    }

    @Test
    void udpDatagramRoundTripsThroughTheTunWithHeadroomBeforeThePacket() throws Exception {
        LinuxTun tun = openConfiguredTun(TunOptions.DEFAULT.withHeadroom(32).withTailroom(16));
        TunReader reader = TunReader.start(tun, TunReader.DEFAULT_BATCH_SIZE, fromTun::addAll);
        byte[] question = "who is there?".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = "braid".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            socket.send(new DatagramPacket(question, question.length, new InetSocketAddress(peer, 9)));

            ByteBuf request = awaitPacket(p -> Ipv4Packets.isIpv4(p)
                    && Ipv4Packets.protocol(p) == Ipv4Packets.UDP && Ipv4Packets.destination(p).equals(peer));
            try {
                assertTrue(Arrays.equals(question, Ipv4Packets.udpPayload(request)));
                assertEquals(32, request.readerIndex(), "headroom left in front of the packet");
                assertTrue(request.writableBytes() >= 16, "tailroom after it");
                tun.write(Ipv4Packets.udpReplyTo(request, answer));
            } finally {
                request.release();
            }
            DatagramPacket received = new DatagramPacket(new byte[64], 64);
            socket.receive(received);
            assertEquals(peer, received.getAddress());
            assertEquals("braid", new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII));
        }
        assertEquals(0, tun.writeDrops());
        tun.close();
        assertTrue(reader.awaitStop(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void closeDuringABlockedReadReturnsMinusOnePromptly() throws Exception {
        LinuxTun tun = open(name); // left down: nothing arrives, so the reader blocks in poll
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            List<ByteBuf> out = new ArrayList<>();
            try {
                result.complete(tun.readBatch(out, 8));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                out.forEach(ByteBuf::release);
            }
        }, "blocked-reader");
        reader.start();
        awaitBlockedInPoll(reader);

        tun.close();

        assertEquals(-1, result.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(config.linkExists(name));
        assertEquals(-1, tun.readBatch(new ArrayList<>(), 8), "stays closed");
        tun.close(); // idempotent
    }

    /** Waits (bounded) until the thread is inside LinuxTun's poll wait. */
    private static void awaitBlockedInPoll(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (Arrays.stream(thread.getStackTrace()).noneMatch(f -> f.getMethodName().equals("awaitReadable"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("reader never blocked in poll");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void deletingTheDeviceUnderTheReaderStopsItWithDeviceGone() throws Exception {
        LinuxTun tun = open(name);
        CompletableFuture<TunException> fatal = new CompletableFuture<>();
        TunReader reader = TunReader.start(tun, 8, fromTun::addAll, fatal::complete);

        new dev.braid.core.net.NetCommand().run("link", "delete", "dev", name);

        TunException e = fatal.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(TunException.Reason.DEVICE_GONE, e.reason());
        assertTrue(e.getMessage().contains(name + " was removed while in use"), e.getMessage());
        assertTrue(reader.awaitStop(WAIT_SECONDS, TimeUnit.SECONDS));
        tun.close();
    }

    @Test
    void secondOpenOfTheSameNameSaysItIsInUseAndHowToRemoveIt() {
        open(name);

        TunException e = assertThrows(TunException.class, () -> open(name));

        assertEquals(TunException.Reason.NAME_IN_USE, e.reason());
        assertTrue(e.getMessage().startsWith("TUN device " + name + " is already in use"), e.getMessage());
        assertTrue(e.getMessage().contains("ip link delete " + name), e.getMessage());
    }

    @Test
    void aNamePatternIsResolvedByTheKernel() {
        LinuxTun tun = open("btst%d");
        assertTrue(tun.name().matches("btst\\d+"), tun.name());
        assertTrue(config.linkExists(tun.name()));
        assertEquals(1500, tun.mtu());
    }

    @Test
    void mtuFollowsTheKernel() {
        LinuxTun tun = open(name);
        config.setMtu(name, 1380);
        assertEquals(1380, tun.mtu());
    }

    @Test
    void writeToADownDeviceIsCountedAndDroppedNotThrown() throws Exception {
        LinuxTun tun = open(name);
        ByteBuf packet = Unpooled.buffer(28);
        packet.writeByte(0x45).writeByte(0).writeShort(28).writeZero(4).writeByte(64).writeByte(17)
                .writeShort(0).writeBytes(peer.getAddress()).writeBytes(local.getAddress()).writeZero(8);

        tun.write(packet);

        assertEquals(0, packet.refCnt(), "released");
        assertEquals(1, tun.writeDrops());
    }

    @Test
    void writesRacingCloseNeitherThrowNorLeak() throws Exception {
        LinuxTun tun = open(name);
        int perWriter = 2000;
        List<ByteBuf> all = new ArrayList<>();
        for (int i = 0; i < 2 * perWriter; i++) {
            all.add(Unpooled.directBuffer(28).writeByte(0x45).writeZero(27));
        }
        java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(2);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            List<ByteBuf> mine = all.subList(w * perWriter, (w + 1) * perWriter);
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < mine.size(); i++) {
                    if (i == mine.size() / 2) {
                        halfway.countDown();
                    }
                    tun.write(mine.get(i));
                }
            }));
        }
        assertTrue(halfway.await(WAIT_SECONDS, TimeUnit.SECONDS));

        tun.close();

        for (CompletableFuture<Void> writer : writers) {
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS); // no exception
        }
        assertTrue(all.stream().allMatch(b -> b.refCnt() == 0), "every packet released");
        assertEquals(2L * perWriter, tun.writeDrops(), "down device, then closed: all dropped");
    }

    @Test
    void multiQueueDeviceLivesUntilItsLastQueueCloses() {
        List<LinuxTun> queues = LinuxTun.openMultiQueue(name, 2, allocator, TunOptions.DEFAULT);
        opened.addAll(queues);
        assertEquals(2, queues.size());
        assertEquals(name, queues.get(0).name());
        assertEquals(name, queues.get(1).name());

        queues.get(0).close();
        assertTrue(config.linkExists(name));
        queues.get(1).close();
        assertFalse(config.linkExists(name));
    }

    @Test
    void aNonTunDeviceNameIsRefusedWithAClearMessage() {
        TunException e = assertThrows(TunException.class, () -> open("lo"));
        assertEquals(TunException.Reason.INVALID_NAME, e.reason());
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("not a TUN device"), e.getMessage());
    }
}
