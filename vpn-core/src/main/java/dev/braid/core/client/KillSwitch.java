package dev.braid.core.client;

import dev.braid.core.config.HostPort;
import dev.braid.core.config.InetPrefix;
import dev.braid.core.net.NetCommand;
import dev.braid.core.net.NetConfigException;
import dev.braid.core.spi.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's kill-switch: an nftables table of its own that rejects traffic for the tunnelled
 * routes unless it leaves by the TUN, locally made (output) or forwarded for a LAN behind the
 * client (forward). So nothing for those routes goes out beside the tunnel, also while the client
 * logs in again, its TUN is made anew or the proxy is gone. The tunnel's own datagrams to the
 * proxy pass. The table is replaced whole in one nft transaction and deleted at stop; after a
 * crash it stays (closed) until the client starts again. Blocking: off the event loop.
 */
final class KillSwitch {
    private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

    private final NetCommand nft;
    private final String table;
    private final String tun;
    /** Where the tunnel's own datagrams go: they pass. */
    private final List<InetSocketAddress> proxies;

    KillSwitch(NetCommand nft, String tun, List<InetSocketAddress> proxies) {
        this.nft = nft;
        this.tun = tun;
        this.table = tableName(tun);
        this.proxies = List.copyOf(proxies);
    }

    /** Installs the table for the config's routes when it says {@code kill-switch: true}; null otherwise. */
    static KillSwitch startIfOn(ClientConfig config, List<LinkConfig> links) throws UnknownHostException {
        if (!config.isKillSwitch()) {
            return null;
        }
        KillSwitch killSwitch = new KillSwitch(NetCommand.nft(), config.getTunName(), proxyEndpoints(config, links));
        List<InetPrefix> routes = TunnelRoutes.of(config.getRoutes());
        try {
            killSwitch.update(routes);
        } catch (NetConfigException e) {
            throw new NetConfigException("kill-switch", e.getMessage(), "kill-switch: " + e.getMessage()
                    + " (it needs nft and CAP_NET_ADMIN; without them set kill-switch: false)", e);
        }
        log.info("kill-switch on: nftables table inet {} rejects traffic for {} outside {} (UDP to the proxy at {} passes)",
                killSwitch.table, routes, killSwitch.tun, killSwitch.proxies.stream().map(Addresses::format).toList());
        return killSwitch;
    }

    /** Every address of the client's proxy and of the links' own proxies, with their ports. */
    private static List<InetSocketAddress> proxyEndpoints(ClientConfig config, List<LinkConfig> links)
            throws UnknownHostException {
        List<HostPort> proxies = new ArrayList<>();
        proxies.add(config.getProxy());
        links.stream().map(LinkConfig::getProxy).filter(Objects::nonNull).forEach(proxies::add);
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (HostPort proxy : proxies) {
            for (InetAddress address : proxy.resolveAll()) {
                InetSocketAddress endpoint = new InetSocketAddress(address, proxy.port());
                if (!endpoints.contains(endpoint)) {
                    endpoints.add(endpoint);
                }
            }
        }
        return endpoints;
    }

    /** {@code braid_killswitch_braid0}: nft names take letters, digits and underscores. */
    static String tableName(String tun) {
        return "braid_killswitch_" + tun.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    String table() {
        return table;
    }

    /** Installs or replaces the table for {@code routes}. */
    void update(List<InetPrefix> routes) {
        nft.runWithInput(ruleset(table, tun, routes, proxies), "-f", "-");
    }

    /** Deletes the table; a table already gone is no error. */
    void remove() {
        try {
            nft.run("delete", "table", "inet", table);
            log.info("kill-switch off: nftables table inet {} deleted", table);
        } catch (NetConfigException e) {
            if (!e.getMessage().contains("No such file or directory")) {
                throw e;
            }
        }
    }

    /** The nft script: the table made empty (created first, so the delete never fails), then filled. */
    static String ruleset(String table, String tun, List<InetPrefix> routes, List<InetSocketAddress> proxies) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (InetPrefix route : routes) {
            (route.isIpv6() ? v6 : v4).add(route.toString());
        }
        StringBuilder out = new StringBuilder();
        out.append("table inet ").append(table).append(" {}\n");
        out.append("delete table inet ").append(table).append('\n');
        out.append("table inet ").append(table).append(" {\n");
        set(out, "routes4", "ipv4_addr", v4);
        set(out, "routes6", "ipv6_addr", v6);
        out.append("  chain output {\n    type filter hook output priority 0; policy accept;\n");
        out.append("    oifname \"lo\" accept\n");
        out.append("    oifname \"").append(tun).append("\" accept\n");
        for (InetSocketAddress proxy : proxies) {
            String family = proxy.getAddress() instanceof Inet6Address ? "ip6" : "ip";
            out.append("    ").append(family).append(" daddr ").append(proxy.getAddress().getHostAddress())
                    .append(" udp dport ").append(proxy.getPort()).append(" accept\n");
        }
        rules(out, v4, v6, "reject");
        out.append("  }\n  chain forward {\n    type filter hook forward priority 0; policy accept;\n");
        out.append("    oifname \"").append(tun).append("\" accept\n");
        rules(out, v4, v6, "drop");
        out.append("  }\n}\n");
        return out.toString();
    }

    private static void set(StringBuilder out, String name, String type, List<String> elements) {
        if (!elements.isEmpty()) {
            out.append("  set ").append(name).append(" {\n    type ").append(type)
                    .append("; flags interval; auto-merge;\n    elements = { ").append(String.join(", ", elements))
                    .append(" }\n  }\n");
        }
    }

    private static void rules(StringBuilder out, List<String> v4, List<String> v6, String verdict) {
        if (!v4.isEmpty()) {
            out.append("    ip daddr @routes4 counter ").append(verdict).append('\n');
        }
        if (!v6.isEmpty()) {
            out.append("    ip6 daddr @routes6 counter ").append(verdict).append('\n');
        }
    }
}
