package dev.braid.core.cli;

import dev.braid.core.lifecycle.ControlSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the CLI's commands reach a running client or proxy: one request over its control socket. */
final class ControlClient {
    private ControlClient() {}

    /**
     * Sends {@code request} to {@code socket}, or when null to the client's default socket, else the
     * proxy's. @return the answer
     * @throws OperatorError when no process answers
     */
    static String request(Path socket, String request) {
        Path path = socket != null ? socket : firstExisting(ControlSocket.defaultPath("client"), ControlSocket.defaultPath("proxy"));
        if (path == null || !Files.exists(path)) {
            throw new OperatorError("no running braid client or proxy found (looked for "
                    + ControlSocket.defaultPath("client") + " and " + ControlSocket.defaultPath("proxy")
                    + "); pass --socket PATH");
        }
        try {
            return ControlSocket.request(path, request);
        } catch (IOException e) {
            throw new OperatorError("cannot reach " + path + ": " + e.getMessage() + " (is braid still running?)");
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
