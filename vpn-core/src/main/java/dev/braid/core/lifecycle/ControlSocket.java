package dev.braid.core.lifecycle;

import dev.braid.core.files.FileProblems;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control socket of a running client or proxy: a Unix domain socket that answers one
 * request line (e.g. {@code status}) with text. Served on its own thread, never an event loop.
 */
public final class ControlSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);
    private static final int MAX_REQUEST = 1024;
    /** Answered by every control socket with its process's PID, so a second start can name it. */
    static final String PID_REQUEST = "pid";

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread thread;

    private ControlSocket(Path path, ServerSocketChannel server, Function<String, String> handler) {
        this.path = path;
        this.server = server;
        this.thread = new Thread(() -> serve(handler), "braid-control");
        thread.setDaemon(true);
    }

    /**
     * Binds {@code path} (replacing a stale socket file a crashed process left) and starts
     * answering. {@code handler} maps a request line to the response text.
     */
    public static ControlSocket start(Path path, Function<String, String> handler) throws IOException {
        ServerSocketChannel server = bind(path);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("could not restrict {}: {}", path, e.toString());
        }
        ControlSocket socket = new ControlSocket(path, server, handler);
        socket.thread.start();
        log.info("control socket at {} (braid status --socket {})", path, path);
        return socket;
    }

    /** @throws StartupException saying which directory to create, or why else the socket cannot be made */
    private static ServerSocketChannel bind(Path path) throws IOException {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            refuseIfAnswered(path);
            Files.deleteIfExists(path); // nobody answers: a crashed process's leftover
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new StartupException("cannot open control socket " + path + ": " + FileProblems.reason(path, e)
                    + "; or set control-socket to a path in a directory this user may write", e);
        }
    }

    /**
     * A socket file some process still listens on is that process's, not a leftover: a Unix socket
     * connect succeeds only while one does. It is asked for its PID, for at most 2 s.
     */
    private static void refuseIfAnswered(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        String who;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            who = askPid(channel).map(pid -> "braid process " + pid).orElse("a running process");
        } catch (IOException e) {
            return; // nobody listens: a crashed process's leftover
        }
        throw new StartupException("control socket " + path + " is in use by " + who
                + ": stop it first, or set control-socket to another path", null);
    }

    private static Optional<String> askPid(SocketChannel channel) {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return exchange(channel, PID_REQUEST).strip();
            } catch (IOException e) {
                return "";
            }
        });
        try {
            String pid = answer.get(2, TimeUnit.SECONDS);
            return pid.matches("[0-9]+") ? Optional.of(pid) : Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty(); // a process that listens but does not answer (closing the channel frees the reader)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    private void serve(Function<String, String> handler) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                String request = readLine(client);
                String response;
                try {
                    String line = request.trim();
                    response = line.equals(PID_REQUEST) ? ProcessHandle.current().pid() + "\n" : handler.apply(line);
                } catch (RuntimeException e) {
                    response = "error: " + e.getMessage() + "\n";
                }
                ByteBuffer out = ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    client.write(out);
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.debug("control connection failed: {}", e.toString());
                }
            }
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (in.hasRemaining() && client.read(in) > 0) {
            if (in.get(in.position() - 1) == '\n') {
                break;
            }
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
    }

    /** Sends one request to the socket at {@code path} and returns the whole response. */
    public static String request(Path path, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            return exchange(channel, request);
        }
    }

    private static String exchange(SocketChannel channel, String request) throws IOException {
        channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.shutdownOutput();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            response.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    /**
     * Where a role's socket lives by default: /run/braid when root, when this user may write it (the
     * units' RuntimeDirectory=braid for the braid user) or when a socket there can be seen (a member
     * of group braid asking the service); else the user's runtime dir.
     */
    public static Path defaultPath(String role) {
        Path system = Path.of("/run/braid");
        String socket = role + ".sock";
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root || Files.isWritable(system) || Files.exists(system.resolve(socket))) {
            return system.resolve(socket);
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null ? Path.of(runtime, "braid") : Path.of(System.getProperty("java.io.tmpdir"), "braid-" + System.getProperty("user.name"));
        return dir.resolve(socket);
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(2000);
        } catch (IOException e) {
            log.debug("closing control socket: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not remove control socket {}: {}", path, e.toString());
        }
    }
}
