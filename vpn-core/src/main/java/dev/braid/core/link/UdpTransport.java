package dev.braid.core.link;

import dev.braid.core.net.IpFamily;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty UDP plumbing: the epoll transport on Linux, NIO elsewhere. One event loop group per
 * process; each channel gets a flush-consolidating pipeline so a burst of sends costs one flush.
 */
public final class UdpTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
    /** Enough for a full 1500-byte inner packet plus every header Braid adds. */
    public static final int MAX_DATAGRAM = 2048;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    /**
     * A new allocator reads one datagram per wake-up (Netty's default of 1); the rest of a
     * backlog then waits behind queued tasks, e.g. a resequencer hold timer that expires while the
     * packet it waits for is still in the socket buffer.
     */
    private static final int MAX_DATAGRAMS_PER_READ = 64;

    private final EventLoopGroup group;
    private final boolean epoll;

    public UdpTransport(int threads, String name) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
        log.debug("UDP transport: {}", epoll ? "epoll" : "nio (" + Epoll.unavailabilityCause() + ")");
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean isEpoll() {
        return epoll;
    }

    /**
     * Binds a UDP channel to {@code local} (port 0 picks one) with {@code handler} at the end of
     * its pipeline. Blocks until bound, so never call it on an event loop.
     *
     * <p>The socket's family follows {@code local}'s: an IPv4 address (also 0.0.0.0) opens an
     * IPv4 socket, which serves IPv4 only; an IPv6 address an IPv6 socket, which for {@code ::}
     * serves both families (both transports clear IPV6_V6ONLY, whatever net.ipv6.bindv6only says).
     * Without a family Netty opens IPv6 sockets and binds 0.0.0.0 as {@code ::}, so "0.0.0.0"
     * would silently serve IPv6 too.
     */
    public DatagramChannel bind(InetSocketAddress local, ChannelHandler handler) throws InterruptedException {
        SocketProtocolFamily family = IpFamily.of(local.getAddress()).socketFamily();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM)
                        .maxMessagesPerRead(MAX_DATAGRAMS_PER_READ))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FlushConsolidationHandler(64, true), handler);
                    }
                });
        Channel channel = bootstrap.bind(local).sync().channel();
        return (DatagramChannel) channel;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
