package dev.braid.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
