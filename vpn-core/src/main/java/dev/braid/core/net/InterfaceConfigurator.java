package dev.braid.core.net;

import dev.braid.core.wire.Ipv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a (TUN) interface through iproute2: address, MTU, up state and routes. It remembers
 * the routes it added, so {@link #undo()} removes exactly those and nothing an operator added.
 *
 * <p>Blocking (it runs {@code ip} subprocesses): the core calls it off the event loop. Thread
 * safe.
 */
public final class InterfaceConfigurator {
    private static final Logger log = LoggerFactory.getLogger(InterfaceConfigurator.class);

    private final NetCommand ip;
    private final List<Route> added = new ArrayList<>();

    /** Uses {@code ip} from the PATH. */
    public InterfaceConfigurator() {
        this(new NetCommand());
    }

    public InterfaceConfigurator(NetCommand ip) {
        this.ip = Objects.requireNonNull(ip, "ip");
    }

    /** Sets the interface's IPv4 address ({@code ip addr replace A/P dev IF}); idempotent. */
    public void setIpv4Address(String ifname, Inet4Address address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, got " + prefixLength);
        }
        String cidr = address.getHostAddress() + "/" + prefixLength;
        ip.run("addr", "replace", cidr, "dev", ifname);
        log.info("Set address {} on {}", cidr, ifname);
    }

    /**
     * Sets the interface's IPv6 address ({@code ip -6 addr replace A/P dev IF nodad}); idempotent.
     * No duplicate address detection: the tunnel is point-to-point and the proxy hands each address
     * out once, and DAD would leave the address tentative (unusable) for a second.
     */
    public void setIpv6Address(String ifname, Inet6Address address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, got " + prefixLength);
        }
        String cidr = Ipv6Address.of(address) + "/" + prefixLength;
        ip.run("-6", "addr", "replace", cidr, "dev", ifname, "nodad");
        log.info("Set address {} on {}", cidr, ifname);
    }

    public void setMtu(String ifname, int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("MTU must be >= 68, got " + mtu);
        }
        ip.run("link", "set", "dev", ifname, "mtu", Integer.toString(mtu));
        log.info("Set MTU {} on {}", mtu, ifname);
    }

    public void setUp(String ifname) {
        ip.run("link", "set", "dev", ifname, "up");
        log.info("Brought {} up", ifname);
    }

    /**
     * Adds the route ({@code ip route add}; fails if an equal route exists, since it would not be
     * ours to remove) and records it for {@link #undo()}.
     */
    public synchronized void addRoute(Route route) {
        List<String> args = new ArrayList<>(List.of("route", "add"));
        args.addAll(route.ipArguments());
        ip.run(args.toArray(String[]::new));
        added.add(route);
        log.info("Added route {}", route);
    }

    /** Removes a route ({@code ip route del}) and forgets it if this configurator added it. */
    public synchronized void removeRoute(Route route) {
        List<String> args = new ArrayList<>(List.of("route", "del"));
        args.addAll(route.ipArguments());
        ip.run(args.toArray(String[]::new));
        added.remove(route);
        log.info("Removed route {}", route);
    }

    /** The routes added and not yet removed, oldest first. */
    public synchronized List<Route> addedRoutes() {
        return Collections.unmodifiableList(new ArrayList<>(added));
    }

    /** True if a network interface of that name exists. */
    public boolean linkExists(String ifname) {
        NetCommand.Result result = ip.attempt(List.of("-o", "link", "show", "dev", ifname));
        if (result.ok()) {
            return true;
        }
        if (result.stderr().contains("does not exist")) {
            return false;
        }
        throw result.failure();
    }

    /**
     * Deletes a leftover TUN device of that name, so a restart after a crash can reuse the name.
     * Only call it for a name this Braid owns: it also removes a device another process holds.
     *
     * @return true if a TUN device was deleted, false if none existed
     * @throws NetConfigException if the name belongs to a device that is not a TUN (it is left
     *     alone), or ip fails
     */
    public boolean deleteStaleTun(String ifname) {
        NetCommand.Result show = ip.attempt(List.of("-d", "-o", "link", "show", "dev", ifname));
        if (!show.ok()) {
            if (show.stderr().contains("does not exist")) {
                return false;
            }
            throw show.failure();
        }
        if (!show.stdout().contains(" tun type tun ")) {
            throw new NetConfigException(show.command(), "not a TUN device", "network device " + ifname
                    + " exists and is not a TUN device, so Braid leaves it alone: choose another TUN name");
        }
        ip.run("link", "delete", "dev", ifname);
        log.warn("Deleted stale TUN device {}", ifname);
        return true;
    }

    /**
     * Removes every route this configurator added, newest first. A route that is already gone
     * (for example with its device) counts as removed. Routes that could not be removed stay
     * recorded, so undo can be retried.
     *
     * @throws NetConfigException listing the routes left in place, the first failure as message
     */
    public synchronized void undo() {
        List<NetConfigException> failures = new ArrayList<>();
        for (int i = added.size() - 1; i >= 0; i--) {
            Route route = added.get(i);
            List<String> args = new ArrayList<>(List.of("route", "del"));
            args.addAll(route.ipArguments());
            NetCommand.Result result = ip.attempt(args);
            if (result.ok() || alreadyGone(result.stderr())) {
                added.remove(i);
                log.info("Removed route {}", route);
            } else {
                failures.add(result.failure());
            }
        }
        if (!failures.isEmpty()) {
            NetConfigException first = failures.get(0);
            NetConfigException summary = new NetConfigException(first.command(), first.ipMessage(),
                    "undo left " + failures.size() + " route(s) in place; first: " + first.getMessage());
            failures.forEach(summary::addSuppressed);
            throw summary;
        }
    }

    private static boolean alreadyGone(String stderr) {
        return stderr.contains("No such process") || stderr.contains("Cannot find device")
                || stderr.contains("does not exist");
    }
}
