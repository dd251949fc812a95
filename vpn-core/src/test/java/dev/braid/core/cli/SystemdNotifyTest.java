package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams systemd would read, received on a socket of the test's own (path and abstract). */
class SystemdNotifyTest {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private EventLoopGroup group;

    @BeforeEach
    void epoll() {
        assumeTrue(Epoll.isAvailable(), "needs Netty's epoll transport (Linux)");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void close() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void readyAndStoppingReachAPathSocket(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify").toString();
        Channel systemd = listen(path);
        new SystemdNotify(path).ready("listening on 0.0.0.0:7600");
        new SystemdNotify(path).stopping();
        assertEquals("READY=1\nSTATUS=listening on 0.0.0.0:7600", received.poll(5, TimeUnit.SECONDS));
        assertEquals("STOPPING=1", received.poll(5, TimeUnit.SECONDS));
        systemd.close().sync();
    }

    @Test
    void anAtSignNamesAnAbstractSocket() throws Exception {
        String name = "braid-notify-test-" + ProcessHandle.current().pid();
        Channel systemd = listen("\0" + name);
        new SystemdNotify("@" + name).ready("session up");
        assertEquals("READY=1\nSTATUS=session up", received.poll(5, TimeUnit.SECONDS));
        systemd.close().sync();
    }

    @Test
    void withoutTheVariableOrWithNobodyListeningNothingIsThrown(@TempDir Path dir) {
        new SystemdNotify(null).ready("x");
        new SystemdNotify("").stopping();
        new SystemdNotify(dir.resolve("absent").toString()).ready("x");
    }

    private Channel listen(String path) throws InterruptedException {
        return new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        received.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(path)).sync().channel();
    }
}
