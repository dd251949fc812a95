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
 * <p>start: 1. check for a stale table of ours (a crash) 2. find the egress interface 3. install
 * the table in one nft transaction (replacing the stale one) 4. enable IPv4 forwarding.
 * stop undoes 4 then 3; nothing else on the host is touched. On the client it does nothing.
 */
public final class SnatNetworkHook implements NetworkHook {
    private static final Logger log = LoggerFactory.getLogger(SnatNetworkHook.class);
    static final String IP_FORWARD = "net.ipv4.ip_forward";
    static final String NFT_MISSING = "nft (nftables) is not installed: apt-get install nftables";
    static final String NO_PERMISSION = "nftables refused braid's change (operation not permitted): "
            + "the proxy needs CAP_NET_ADMIN, so run it as root or grant that capability";

    private final SnatConfig config;
    private final Commands commands;

    // Set by a successful start, cleared by stop.
    private String installedTable;
    private String forwardingBefore;

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
        if (installedTable != null) {
            throw new IllegalStateException("snat hook already started");
        }
        String table = config.getTable();
        // Names end up in an nft script: check them before anything runs.
        checked(() -> SnatRuleset.checkTableName(table));
        checked(() -> SnatRuleset.normalizeCidr(network.poolCidr()));

        boolean stale = tableExists(table);
        String egress = egressInterface();
        SnatRuleset ruleset = new SnatRuleset(table, network.poolCidr(), egress);
        if (stale) {
            log.warn("snat: replacing nftables table ip {} left behind by an earlier run", table);
        }
        requireOk(nft(ruleset.script(), "-f", "-"), "install table ip " + table);
        installedTable = table;
        try {
            enableForwarding();
        } catch (SnatException | RuntimeException e) {
            deleteTable();
            installedTable = null;
            throw e;
        }
        log.info("snat: {}; ip_forward {}", ruleset.summary(),
                forwardingBefore == null ? "left as it was" : forwardingBefore + " -> 1");
    }

    @Override
    public synchronized void stop() throws SnatException {
        if (installedTable == null) {
            return;
        }
        List<SnatException> errors = new ArrayList<>();
        try {
            restoreForwarding();
        } catch (SnatException e) {
            errors.add(e);
        }
        try {
            deleteTable();
        } catch (SnatException e) {
            errors.add(e);
        }
        installedTable = null;
        if (!errors.isEmpty()) {
            SnatException first = errors.get(0);
            errors.subList(1, errors.size()).forEach(first::addSuppressed);
            throw first;
        }
        log.info("snat: removed nftables table ip {}", config.getTable());
    }

    private boolean tableExists(String table) throws SnatException {
        CommandResult result = requireOk(nft("", "list", "tables", "ip"), "list tables");
        String wanted = "table ip " + table;
        return result.stdout().lines().map(String::strip).anyMatch(wanted::equals);
    }

    /** Deletes our table; "already gone" is fine. */
    private void deleteTable() throws SnatException {
        String table = config.getTable();
        CommandResult result = nft("", "delete", "table", "ip", table);
        if (!result.ok()) {
            if (result.stderr().contains("No such file or directory")) {
                log.debug("snat: table ip {} was already gone", table);
                return;
            }
            requireOk(result, "delete table ip " + table);
        }
    }

    private String egressInterface() throws SnatException {
        if (!config.egressIsAuto()) {
            String name = config.getEgressInterface().strip();
            checked(() -> SnatRuleset.checkInterfaceName(name));
            CommandResult link = ip("link", "show", "dev", name);
            if (!link.ok()) {
                throw new SnatException("snat egress-interface '" + name + "' does not exist: " + link.firstErrorLine());
            }
            return name;
        }
        CommandResult routes = ip("-4", "route", "show", "default");
        if (!routes.ok()) {
            throw new SnatException("cannot read the IPv4 default route: " + routes.firstErrorLine());
        }
        String found = DefaultRoute.egressInterface(routes.stdout()).orElseThrow(() -> new SnatException(
                "there is no IPv4 default route to take the egress interface from: set snat.egress-interface"));
        log.debug("snat: egress interface {} from the default route", found);
        return found;
    }

    private void enableForwarding() throws SnatException {
        forwardingBefore = null;
        if (!config.isEnableForwarding()) {
            log.debug("snat: enable-forwarding is off; leaving {} alone", IP_FORWARD);
            return;
        }
        String before = sysctl(() -> commands.readSysctl(IP_FORWARD), "read " + IP_FORWARD);
        if (!"1".equals(before)) {
            sysctl(() -> {
                commands.writeSysctl(IP_FORWARD, "1");
                return null;
            }, "set " + IP_FORWARD + "=1");
            forwardingBefore = before;
        }
    }

    private void restoreForwarding() throws SnatException {
        if (forwardingBefore != null) {
            String before = forwardingBefore;
            sysctl(() -> {
                commands.writeSysctl(IP_FORWARD, before);
                return null;
            }, "restore " + IP_FORWARD + "=" + before);
            forwardingBefore = null;
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
