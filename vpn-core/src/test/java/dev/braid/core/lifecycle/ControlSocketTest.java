package dev.braid.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {
    @TempDir
    Path dir;

    @Test
    void answersOneRequestLine() throws Exception {
        try (ControlSocket socket = ControlSocket.start(dir.resolve("run").resolve("c.sock"), request -> "got " + request + "\n")) {
            assertEquals("got status\n", ControlSocket.request(socket.path(), "status"));
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamedWithWhatToDo() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("run"), "a file where the directory should be");
        Path socket = notADirectory.resolve("braid").resolve("client.sock");
        StartupException e = assertThrows(StartupException.class, () -> ControlSocket.start(socket, request -> ""));
        Path missing = socket.getParent();
        assertEquals("cannot open control socket " + socket + ": the directory " + missing
                + " does not exist (create it with mode 0750: install -d -m 0750 " + missing
                + "); or set control-socket to a path in a directory this user may write", e.getMessage());
    }

    @Test
    void aSocketALiveProcessAnswersOnIsRefusedNamingItsPid() throws Exception {
        Path path = dir.resolve("c.sock");
        try (ControlSocket running = ControlSocket.start(path, request -> "status\n")) {
            StartupException e = assertThrows(StartupException.class, () -> ControlSocket.start(path, request -> ""));
            assertEquals("control socket " + path + " is in use by braid process " + ProcessHandle.current().pid()
                    + ": stop it first, or set control-socket to another path", e.getMessage());
            assertEquals("status\n", ControlSocket.request(path, "status"), "the running socket must keep answering");
        }
    }

    @Test
    void aLeftoverNobodyAnswersOnIsReplaced() throws Exception {
        Path path = dir.resolve("c.sock");
        // What a killed process leaves: the socket file, with nobody accepting on it.
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path));
        try (ControlSocket socket = ControlSocket.start(path, request -> "new\n")) {
            assertEquals("new\n", ControlSocket.request(path, "status"));
        }
    }

    @Test
    void aProcessThatListensButDoesNotAnswerStillHoldsTheSocket() throws Exception {
        Path path = dir.resolve("c.sock");
        try (ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stuck.bind(UnixDomainSocketAddress.of(path)); // never accepts: connects wait in its backlog
            StartupException e = assertThrows(StartupException.class, () -> ControlSocket.start(path, request -> ""));
            assertEquals("control socket " + path + " is in use by a running process: stop it first, "
                    + "or set control-socket to another path", e.getMessage());
        }
    }
}
