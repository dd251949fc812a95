package dev.braid.core.login;

import dev.braid.core.crypto.CipherSuite;
import java.net.Inet4Address;
import java.time.Duration;

/**
 * What the proxy grants in its ACCEPT, MACed with the confirmation key.
 *
 * @param sessionId         proxy-assigned session id
 * @param virtualAddress    the client's address inside the tunnel
 * @param prefixLength      prefix length of the virtual network (0..32)
 * @param tunnelMtu         MTU the client should configure on its TUN device
 * @param suite             chosen packet protection
 * @param dataPath          chosen data path (for example "single" or "multilink")
 * @param keepaliveInterval the proxy's hint how often to probe each link
 * @param idleTimeout       the proxy's hint after how long without traffic a session ends
 * @param sessionToken      what an authentic UNKNOWN_SESSION for this session carries
 * @param ipv6              the client's IPv6 address and prefix, or null (no client-pool6, or a
 *                          client that did not announce it understands one)
 * @param pushed            routes, DNS servers and search domains the proxy pushes (none to a
 *                          client that does not read ACCEPT extensions)
 */
public record SessionParameters(int sessionId, Inet4Address virtualAddress, int prefixLength, int tunnelMtu,
                                CipherSuite suite, String dataPath, Duration keepaliveInterval,
                                Duration idleTimeout, SessionToken sessionToken, Ipv6Assignment ipv6,
                                PushedConfig pushed) {

    public SessionParameters {
        pushed = pushed == null ? PushedConfig.NONE : pushed;
    }

    /** Parameters that push nothing. */
    public SessionParameters(int sessionId, Inet4Address virtualAddress, int prefixLength, int tunnelMtu,
                             CipherSuite suite, String dataPath, Duration keepaliveInterval, Duration idleTimeout,
                             SessionToken sessionToken, Ipv6Assignment ipv6) {
        this(sessionId, virtualAddress, prefixLength, tunnelMtu, suite, dataPath, keepaliveInterval, idleTimeout,
                sessionToken, ipv6, PushedConfig.NONE);
    }

    /** Parameters without an IPv6 address. */
    public SessionParameters(int sessionId, Inet4Address virtualAddress, int prefixLength, int tunnelMtu,
                             CipherSuite suite, String dataPath, Duration keepaliveInterval, Duration idleTimeout,
                             SessionToken sessionToken) {
        this(sessionId, virtualAddress, prefixLength, tunnelMtu, suite, dataPath, keepaliveInterval, idleTimeout,
                sessionToken, null);
    }
}
