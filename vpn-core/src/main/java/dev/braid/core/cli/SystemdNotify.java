package dev.braid.core.cli;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for the {@code Type=notify} units: one datagram to {@code $NOTIFY_SOCKET}. JDK 17 has
 * no Unix datagram sockets, so Netty's epoll transport (Braid's UDP transport already) sends it;
 * a {@code systemd-notify} child would race its own exit and need {@code NotifyAccess=all}.
 * Without {@code NOTIFY_SOCKET} (not started by systemd) every call does nothing.
 */
final class SystemdNotify {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotify.class);
    static final String ENVIRONMENT_VARIABLE = "NOTIFY_SOCKET";

    private final String socket;

    SystemdNotify(String socket) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
    }

    static SystemdNotify fromEnvironment() {
        return new SystemdNotify(System.getenv(ENVIRONMENT_VARIABLE));
    }

    /** The service is up (proxy: listening; client: its first session runs); {@code status} for systemctl status. */
    void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    /** Shutdown began: systemd shows the unit as deactivating instead of guessing. */
    void stopping() {
        send("STOPPING=1");
    }

    /** Never throws: a lost notification makes systemd time out the start, which it reports itself. */
    void send(String state) {
        if (socket == null) {
            return;
        }
        if (!Epoll.isAvailable()) {
            log.warn("cannot tell systemd {}: Unix datagram sockets need Netty's epoll transport ({})",
                    state.lines().findFirst().orElse(state), Epoll.unavailabilityCause().toString());
            return;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                    .handler(new ChannelInboundHandlerAdapter()).register().sync().channel();
            try {
                channel.writeAndFlush(new DomainDatagramPacket(
                        Unpooled.copiedBuffer(state, StandardCharsets.UTF_8), address())).sync();
            } finally {
                channel.close().sync();
            }
            log.debug("told systemd {}", state.replace('\n', ' '));
        } catch (Exception e) {
            log.warn("cannot tell systemd {} on {}: {}", state.lines().findFirst().orElse(state), socket, e.toString());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** systemd writes an abstract socket's name with a leading '@' for the kernel's leading NUL. */
    private DomainSocketAddress address() {
        return new DomainSocketAddress(socket.startsWith("@") ? "\0" + socket.substring(1) : socket);
    }
}
