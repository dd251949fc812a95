package dev.braid.core.client;

import dev.braid.core.login.PushedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's pushed DNS servers and search domains, set on the TUN through systemd-resolved's
 * {@code resolvectl} (per link, so resolved forgets them when the TUN goes, after a crash too).
 * Without resolvectl it says so once and leaves DNS to an {@code on-up} hook ({@code BRAID_DNS},
 * {@code BRAID_DOMAINS}). Blocking: called on the client's worker.
 */
final class PushedDns {
    private static final Logger log = LoggerFactory.getLogger(PushedDns.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final String resolvectl;
    private boolean saidMissing;

    PushedDns(String resolvectl) {
        this.resolvectl = resolvectl;
    }

    /** The commands that set {@code pushed} on {@code tun}; none when nothing is pushed. */
    List<List<String>> commands(String tun, PushedConfig pushed) {
        List<List<String>> commands = new ArrayList<>();
        if (!pushed.dnsServers().isEmpty()) {
            List<String> dns = new ArrayList<>(List.of(resolvectl, "dns", tun));
            pushed.dnsServers().stream().map(InetAddress::getHostAddress).forEach(dns::add);
            commands.add(dns);
        }
        if (!pushed.searchDomains().isEmpty()) {
            List<String> domain = new ArrayList<>(List.of(resolvectl, "domain", tun));
            domain.addAll(pushed.searchDomains());
            commands.add(domain);
        }
        return commands;
    }

    void apply(String tun, PushedConfig pushed) throws InterruptedException {
        for (List<String> command : commands(tun, pushed)) {
            if (!run(command)) {
                return;
            }
        }
    }

    private boolean run(List<String> command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (!saidMissing) {
                saidMissing = true;
                log.warn("pushed DNS not set: {} cannot run ({}); set it in an on-up hook from BRAID_DNS and BRAID_DOMAINS",
                        resolvectl, e.getMessage());
            }
            return false;
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            log.warn("pushed DNS: {} did not finish within {} s", String.join(" ", command), TIMEOUT_SECONDS);
            return false;
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            output = "";
        }
        if (process.exitValue() != 0) {
            log.warn("pushed DNS: {} failed ({}): {}", String.join(" ", command), process.exitValue(), output);
            return false;
        }
        log.info("pushed DNS: {}", String.join(" ", command.subList(1, command.size())));
        return true;
    }
}
