package dev.braid.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SO_BINDTODEVICE on an epoll UDP socket bound to loopback. */
class SocketOptionsTest {
    private EventLoopGroup group;
    private Channel channel;

    @BeforeEach
    void bindUdpOnLoopback() throws Exception {
        Prerequisites.ofThisRun().condition(Epoll.isAvailable(), "the native epoll transport");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channel = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void close() throws Exception {
        if (channel != null) {
            channel.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void bindsAnEpollSocketToLoopbackAndReadsItBack() {
        int fd = SocketOptions.fdOf(channel);
        assertTrue(fd > 2);
        assertEquals("", SocketOptions.boundDevice(fd));

        SocketOptions.bindToDevice(fd, "lo");

        assertEquals("lo", SocketOptions.boundDevice(fd));
    }

    @Test
    void unknownInterfaceGivesTheErrnoTextAndWhatToCheck() {
        int fd = SocketOptions.fdOf(channel);

        SocketOptionException e = assertThrows(SocketOptionException.class,
                () -> SocketOptions.bindToDevice(fd, "nosuchif0"));

        assertEquals(19, e.errno());
        assertTrue(e.getMessage().contains("No such device"), e.getMessage());
        assertTrue(e.getMessage().contains("check that interface nosuchif0 exists"), e.getMessage());
    }

    @Test
    void channelsWithoutAnFdAreRejected() {
        EmbeddedChannel embedded = new EmbeddedChannel();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SocketOptions.fdOf(embedded));
            assertTrue(e.getMessage().contains("epoll"), e.getMessage());
        } finally {
            embedded.finishAndReleaseAll();
        }
    }
}
