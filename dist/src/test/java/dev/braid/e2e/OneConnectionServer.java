package dev.braid.e2e;

import dev.braid.testbed.netns.ProxyTopology;
import java.util.ArrayList;
import java.util.List;

/** A python3 script for the server namespace: accepts one TCP connection on the server's address as {@code c}, then runs {@code body}. */
final class OneConnectionServer {
    private OneConnectionServer() {}

    static String script(int port, String... body) {
        List<String> lines = new ArrayList<>(List.of(
                "import socket",
                "s = socket.socket()",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "s.bind(('" + ProxyTopology.SERVER + "', " + port + "))",
                "s.listen(1)",
                "s.settimeout(60)",
                "c, peer = s.accept()"));
        lines.addAll(List.of(body));
        return String.join("\n", lines);
    }
}
