package dev.braid.e2e;

import dev.braid.testbed.netns.World;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What systemd's notify socket would receive: a Unix datagram socket at {@code path} that any user
 * may write (the service runs as braid), keeping every message.
 */
final class NotifySocket implements AutoCloseable {
    private final Path path;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Channel channel;

    NotifySocket(Path path) throws Exception {
        this.path = path;
        this.channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        messages.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(path.toString())).sync().channel();
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    Path path() {
        return path;
    }

    /** Waits for a message that starts with {@code prefix}; fails at once if {@code sender} exits first. @return it */
    String await(String prefix, Process sender, Duration timeout) throws InterruptedException {
        World.await("\"" + prefix + "\" on " + path, timeout,
                () -> !sender.isAlive() || find(prefix) != null);
        String message = find(prefix);
        if (message == null) {
            throw new AssertionError("the process exited " + sender.exitValue() + " before \"" + prefix + "\" on " + path
                    + "; received " + messages);
        }
        return message;
    }

    private String find(String prefix) {
        for (String message : messages) {
            if (message.startsWith(prefix)) {
                return message;
            }
        }
        return null;
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() throws IOException {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        Files.deleteIfExists(path);
    }
}
