package dev.braid.snat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Three network namespaces of a test's own, deleted by {@link #close()} even after a failure:
 * <pre>
 *   client ns                 proxy ns                          server ns
 *   cp0 10.232.0.2/24 ---- pc0 10.232.0.1/24
 *   default via .1            ps0 10.231.0.1/24 + 10.231.0.3 ---- sp0 10.231.0.2/24
 *                             default via 10.231.0.2              (no route back to 10.232/24)
 * </pre>
 * 10.232.0.0/24 plays the client pool. The server has no route to it, so a client datagram can
 * only be answered if the proxy rewrote its source.
 */
final class NetnsWorld implements AutoCloseable {
    static final String POOL = "10.232.0.0/24";
    static final String CLIENT_ADDRESS = "10.232.0.2";
    static final String PROXY_EGRESS_ADDRESS = "10.231.0.1";
    static final String PROXY_SECOND_ADDRESS = "10.231.0.3";
    static final String SERVER_ADDRESS = "10.231.0.2";
    static final String EGRESS_INTERFACE = "ps0";

    final String client;
    final String proxy;
    final String server;
    private final ProcessCommands host = new ProcessCommands();
    private final List<String> created = new ArrayList<>();

    NetnsWorld() {
        String base = "bsnat-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        client = base + "-c";
        proxy = base + "-p";
        server = base + "-s";
    }

    NetnsWorld build() throws Exception {
        for (String ns : List.of(client, proxy, server)) {
            ip("netns", "add", ns);
            created.add(ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        // Both ends are created inside the namespaces: no interface ever appears on the host.
        ip("-n", proxy, "link", "add", "pc0", "type", "veth", "peer", "name", "cp0", "netns", client);
        ip("-n", proxy, "link", "add", "ps0", "type", "veth", "peer", "name", "sp0", "netns", server);

        ip("-n", client, "addr", "add", CLIENT_ADDRESS + "/24", "dev", "cp0");
        ip("-n", proxy, "addr", "add", "10.232.0.1/24", "dev", "pc0");
        ip("-n", proxy, "addr", "add", PROXY_EGRESS_ADDRESS + "/24", "dev", "ps0");
        ip("-n", proxy, "addr", "add", PROXY_SECOND_ADDRESS + "/24", "dev", "ps0");
        ip("-n", server, "addr", "add", SERVER_ADDRESS + "/24", "dev", "sp0");
        ip("-n", client, "link", "set", "cp0", "up");
        ip("-n", proxy, "link", "set", "pc0", "up");
        ip("-n", proxy, "link", "set", "ps0", "up");
        ip("-n", server, "link", "set", "sp0", "up");
        ip("-n", client, "route", "add", "default", "via", "10.232.0.1");
        ip("-n", proxy, "route", "add", "default", "via", SERVER_ADDRESS);
        return this;
    }

    ProcessCommands in(String ns) {
        return ProcessCommands.inNamespace(ns);
    }

    private void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        CommandResult result = host.run(command, "");
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.stderr().strip());
        }
    }

    /** Deletes every namespace this world created; the veths go with them. */
    @Override
    public void close() {
        for (String ns : created) {
            try {
                host.run(List.of("ip", "netns", "del", ns), "");
            } catch (Exception e) {
                System.err.println("could not delete namespace " + ns + ": " + e);
            }
        }
        created.clear();
    }
}
