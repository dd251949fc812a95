package dev.braid.snat;

import static java.util.Objects.requireNonNull;

import dev.braid.core.spi.NetworkHook;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.TunnelNetwork;
import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the proxy: source NAT for the client pool with a netfilter table of our own.
 *
 * <p>start, for IPv4 and then (with a client-pool6) for IPv6: 1. check for a stale table of ours
 * (a crash) 2. find the egress interface 3. install the family's table (one name, families
 * {@code ip} and {@code ip6}) in one nft transaction (replacing the stale one) 4. enable the
 * family's forwarding. stop undoes each family's 4 then 3, IPv6 first; nothing else on the host is
 * touched. On the client it does nothing.
 */
public final class SnatNetworkHook implements NetworkHook {
    private static final Logger log = LoggerFactory.getLogger(SnatNetworkHook.class);
    static final String IP_FORWARD = SnatFamily.IPV4.forwardingSysctl;
    static final String IPV6_FORWARD = SnatFamily.IPV6.forwardingSysctl;
    static final String NFT_MISSING = "nft (nftables) is not installed: apt-get install nftables";
    static final String NO_PERMISSION = "nftables refused braid's change (operation not permitted): "
            + "the proxy needs CAP_NET_ADMIN, so run it as root or grant that capability";

    private final SnatConfig config;
    private final Commands commands;

    /** A family's table this hook installed, and the forwarding value it replaced (null: left alone). */
    private record Installed(SnatFamily family, String forwardingBefore) {}

    // Set by a successful start, oldest first; emptied by stop.
    private final List<Installed> installed = new ArrayList<>();

    @Inject
    public SnatNetworkHook(SnatConfig config, Commands commands) {
        this.config = requireNonNull(config, "config");
        this.commands = requireNonNull(commands, "commands");
    }

    @Override
    public String name() {
        return "snat";
    }

    @Override
    public synchronized void start(TunnelNetwork network) throws SnatException {
        if (network.role() != Role.PROXY) {
            log.debug("snat: nothing to do on the {}", network.role().name().toLowerCase(Locale.ROOT));
            return;
        }
        if (!installed.isEmpty()) {
            throw new IllegalStateException("snat hook already started");
        }
        String table = config.getTable();
        // Names end up in an nft script: check them before anything runs.
        checked(() -> SnatRuleset.checkTableName(table));
        checked(() -> SnatRuleset.normalizeCidr(network.poolCidr()));
        if (network.hasIpv6()) {
            checked(() -> SnatRuleset.normalizeCidr6(network.poolCidr6()));
        }
        String egress = install(SnatFamily.IPV4, table, network.poolCidr(), null);
        if (network.hasIpv6()) {
            try {
                install(SnatFamily.IPV6, table, network.poolCidr6(), egress);
            } catch (SnatException | RuntimeException e) {
                try {
                    stop();
                } catch (SnatException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
    }

    /**
     * Steps 1 to 4 for one family; on failure nothing of it stays.
     *
     * @param fallbackEgress for IPv6, the IPv4 egress interface; null for IPv4
     * @return the egress interface used
     */
    private String install(SnatFamily family, String table, String pool, String fallbackEgress) throws SnatException {
        boolean stale = tableExists(family, table);
        SnatRuleset ruleset = new SnatRuleset(family, table, pool, egressInterface(family, fallbackEgress));
        if (stale) {
            log.warn("snat: replacing nftables table {} {} left behind by an earlier run", family.nft, table);
        }
        requireOk(nft(ruleset.script(), "-f", "-"), "install table " + family.nft + " " + table);
        String before;
        try {
            before = enableForwarding(family);
        } catch (SnatException | RuntimeException e) {
            deleteTable(family);
            throw e;
        }
        installed.add(new Installed(family, before));
        log.info("snat: {}; {} {}", ruleset.summary(), family.forwardingSysctl,
                before == null ? "left as it was" : before + " -> 1");
        return ruleset.egressInterface();
    }

    @Override
    public synchronized void stop() throws SnatException {
        List<SnatException> errors = new ArrayList<>();
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed done = installed.remove(i);
            try {
                restoreForwarding(done);
            } catch (SnatException e) {
                errors.add(e);
            }
            try {
                deleteTable(done.family());
                log.info("snat: removed nftables table {} {}", done.family().nft, config.getTable());
            } catch (SnatException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            SnatException first = errors.get(0);
            errors.subList(1, errors.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private boolean tableExists(SnatFamily family, String table) throws SnatException {
        CommandResult result = requireOk(nft("", "list", "tables", family.nft), "list tables");
        String wanted = "table " + family.nft + " " + table;
        return result.stdout().lines().map(String::strip).anyMatch(wanted::equals);
    }

    /** Deletes our table; "already gone" is fine. */
    private void deleteTable(SnatFamily family) throws SnatException {
        String table = config.getTable();
        CommandResult result = nft("", "delete", "table", family.nft, table);
        if (!result.ok()) {
            if (result.stderr().contains("No such file or directory")) {
                log.debug("snat: table {} {} was already gone", family.nft, table);
                return;
            }
            requireOk(result, "delete table " + family.nft + " " + table);
        }
    }

    /**
     * The configured interface, else the family's default route's; for IPv6 without a default
     * route {@code fallback} (the IPv4 egress), since the pool6 may be a ULA the proxy only routes.
     */
    private String egressInterface(SnatFamily family, String fallback) throws SnatException {
        if (!config.egressIsAuto()) {
            if (fallback != null) {
                return fallback; // checked for IPv4 already
            }
            String name = config.getEgressInterface().strip();
            checked(() -> SnatRuleset.checkInterfaceName(name));
            CommandResult link = ip("link", "show", "dev", name);
            if (!link.ok()) {
                throw new SnatException("snat egress-interface '" + name + "' does not exist: " + link.firstErrorLine());
            }
            return name;
        }
        CommandResult routes = ip(family.ipFlag, "route", "show", "default");
        if (!routes.ok()) {
            throw new SnatException("cannot read the " + family.label + " default route: " + routes.firstErrorLine());
        }
        var found = DefaultRoute.egressInterface(routes.stdout());
        if (found.isEmpty() && fallback != null) {
            log.info("snat: no {} default route; {} masquerades out of {} like IPv4", family.label, family.nft, fallback);
            return fallback;
        }
        String egress = found.orElseThrow(() -> new SnatException("there is no " + family.label
                + " default route to take the egress interface from: set snat.egress-interface"));
        log.debug("snat: {} egress interface {} from the default route", family.label, egress);
        return egress;
    }

    /** @return the value replaced by 1, or null when forwarding was left alone */
    private String enableForwarding(SnatFamily family) throws SnatException {
        String key = family.forwardingSysctl;
        if (!config.isEnableForwarding()) {
            log.debug("snat: enable-forwarding is off; leaving {} alone", key);
            return null;
        }
        String before = sysctl(() -> commands.readSysctl(key), "read " + key);
        if ("1".equals(before)) {
            return null;
        }
        sysctl(() -> {
            commands.writeSysctl(key, "1");
            return null;
        }, "set " + key + "=1");
        return before;
    }

    private void restoreForwarding(Installed done) throws SnatException {
        String before = done.forwardingBefore();
        if (before != null) {
            String key = done.family().forwardingSysctl;
            sysctl(() -> {
                commands.writeSysctl(key, before);
                return null;
            }, "restore " + key + "=" + before);
        }
    }

    private CommandResult nft(String stdin, String... args) throws SnatException {
        return run("nft", NFT_MISSING, stdin, args);
    }

    private CommandResult ip(String... args) throws SnatException {
        return run("ip", "ip (iproute2) is not installed: apt-get install iproute2", "", args);
    }

    private CommandResult run(String program, String missing, String stdin, String... args) throws SnatException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        try {
            return commands.run(command, stdin);
        } catch (ProgramNotFoundException e) {
            throw new SnatException(e.program().equals(program) ? missing
                    : e.program() + " is not installed, which is needed to run " + program, e);
        } catch (IOException e) {
            throw new SnatException("running " + String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnatException("interrupted while running " + program, e);
        }
    }

    private static void checked(Runnable validation) throws SnatException {
        try {
            validation.run();
        } catch (IllegalArgumentException e) {
            throw new SnatException(e.getMessage(), e);
        }
    }

    private static CommandResult requireOk(CommandResult result, String what) throws SnatException {
        if (result.ok()) {
            return result;
        }
        if (deniedText(result.stderr())) {
            throw new SnatException(NO_PERMISSION);
        }
        throw new SnatException("nft could not " + what + ": " + result.firstErrorLine());
    }

    private static boolean deniedText(String text) {
        return text != null && (text.contains("Operation not permitted") || text.contains("Permission denied"));
    }

    /** A sysctl access; a denied one gets the CAP_NET_ADMIN message. */
    private interface SysctlCall {
        String call() throws IOException, InterruptedException;
    }

    private String sysctl(SysctlCall call, String what) throws SnatException {
        try {
            return call.call();
        } catch (AccessDeniedException e) {
            throw new SnatException("could not " + what + " (permission denied): the proxy needs root or CAP_NET_ADMIN", e);
        } catch (ProgramNotFoundException e) {
            throw new SnatException(e.program() + " is not installed, which is needed to " + what, e);
        } catch (IOException e) {
            if (deniedText(e.getMessage())) {
                throw new SnatException("could not " + what + " (permission denied): the proxy needs root or CAP_NET_ADMIN", e);
            }
            throw new SnatException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnatException("interrupted while trying to " + what, e);
        }
    }
}
