package dev.braid.core.login;

import dev.braid.core.crypto.CipherSuite;
import java.time.Duration;
import java.util.Set;

/**
 * What the proxy grants.
 *
 * @param requireEncryption refuse suite none with ENCRYPTION_REQUIRED
 * @param allowedSuites     suites the proxy accepts; others get BAD_REQUEST
 * @param dataPaths         data path names the proxy offers; others get BAD_REQUEST
 * @param tunnelMtu         MTU announced to clients
 * @param keepaliveHint     keepalive interval announced to clients
 * @param idleTimeoutHint   idle timeout announced to clients
 * @param pushed            routes, DNS servers and search domains pushed to clients that read them
 */
public record ServerLoginPolicy(boolean requireEncryption, Set<CipherSuite> allowedSuites, Set<String> dataPaths,
                                int tunnelMtu, Duration keepaliveHint, Duration idleTimeoutHint, PushedConfig pushed) {

    public ServerLoginPolicy(boolean requireEncryption, Set<CipherSuite> allowedSuites, Set<String> dataPaths,
                             int tunnelMtu, Duration keepaliveHint, Duration idleTimeoutHint) {
        this(requireEncryption, allowedSuites, dataPaths, tunnelMtu, keepaliveHint, idleTimeoutHint, PushedConfig.NONE);
    }

    public ServerLoginPolicy {
        pushed = pushed == null ? PushedConfig.NONE : pushed;
        allowedSuites = Set.copyOf(allowedSuites);
        dataPaths = Set.copyOf(dataPaths);
        if (tunnelMtu < 576 || tunnelMtu > 65535) {
            throw new IllegalArgumentException("tunnel MTU must be 576..65535, got " + tunnelMtu);
        }
    }
}
