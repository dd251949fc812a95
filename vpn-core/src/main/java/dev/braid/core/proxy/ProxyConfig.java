package dev.braid.core.proxy;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigMax;
import dev.braid.core.config.ConfigMin;
import dev.braid.core.config.ConfigRequired;
import dev.braid.core.config.HostPort;
import dev.braid.core.config.InetPrefix;
import dev.braid.core.config.IpPrefix;
import dev.braid.core.config.Durations;
import dev.braid.core.config.SelfValidatingConfig;
import dev.braid.core.login.PushedConfig;
import dev.braid.core.session.LinkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code proxy:} section. */
public final class ProxyConfig implements SelfValidatingConfig {
    private List<String> plugins = List.of();
    /** Both families on one socket; 0.0.0.0 serves IPv4 only ({@link dev.braid.core.link.UdpTransport#bind}). */
    private HostPort listen = new HostPort("::", 7600);
    private String users;
    private String tunName = "braid0";
    private IpPrefix clientPool = IpPrefix.parse("10.77.0.0/24");
    private InetPrefix clientPool6;
    private int mtu = 1400;
    private boolean requireEncryption = true;
    private Duration sessionIdleTimeout = Duration.ofSeconds(120);
    private String controlSocket = "";
    private String addressLeases = "";
    private List<InetPrefix> pushRoutes = List.of();
    private List<String> pushDns = List.of();
    private List<String> pushDomains = List.of();
    private int maxSessions = 1000;
    private Duration usersWatch = Duration.ofSeconds(2);
    private int maxSessionsPerUser = 4;
    private Duration linkDownTimeout = LinkPolicy.DEFAULT_DOWN_TIMEOUT;
    private int loginWorkers;

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (clientPool.prefixLength() < 8 || clientPool.prefixLength() > 30) {
            problems.add("client-pool must be a /8 to /30 prefix, got /" + clientPool.prefixLength());
        }
        if (clientPool6 != null) {
            problems.addAll(ClientPool6Check.problems(clientPool6));
            if (mtu < ClientPool6Check.IPV6_MIN_MTU) {
                // the kernel turns IPv6 off on a device below it
                problems.add("mtu must be at least " + ClientPool6Check.IPV6_MIN_MTU + " with client-pool6 (IPv6's minimum "
                        + "link MTU), is " + mtu);
            }
        }
        if (sessionIdleTimeout.compareTo(Duration.ofSeconds(5)) < 0) {
            problems.add("session-idle-timeout must be at least 5s");
        }
        if (usersWatch.isNegative()) {
            problems.add("users-watch must be 0s (off) or more");
        }
        if (linkDownTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("link-down-timeout must be at least 1s, is " + Durations.format(linkDownTimeout));
        }
        problems.addAll(PushedConfigCheck.problems(pushRoutes, pushDns, pushDomains));
        return problems;
    }

    /** What {@code push-routes}, {@code push-dns} and {@code push-domains} tell clients; valid after {@link #validate}. */
    public PushedConfig getPushed() {
        return PushedConfigCheck.pushed(pushRoutes, pushDns, pushDomains);
    }

    public List<InetPrefix> getPushRoutes() {
        return pushRoutes;
    }

    @ConfigKey("push-routes")
    @ConfigDescription("networks of either family every client routes into the tunnel too, beside its own routes")
    public void setPushRoutes(List<InetPrefix> pushRoutes) {
        this.pushRoutes = pushRoutes;
    }

    public List<String> getPushDns() {
        return pushDns;
    }

    @ConfigKey("push-dns")
    @ConfigDescription("DNS server addresses (literals) clients set on their TUN with resolvectl, or pass to on-up")
    public void setPushDns(List<String> pushDns) {
        this.pushDns = pushDns;
    }

    public List<String> getPushDomains() {
        return pushDomains;
    }

    @ConfigKey("push-domains")
    @ConfigDescription("search domains pushed with push-dns (resolvectl's form: \"~.\" sends every name to push-dns)")
    public void setPushDomains(List<String> pushDomains) {
        this.pushDomains = pushDomains;
    }

    public List<String> getPlugins() {
        return plugins;
    }

    @ConfigKey("plugins")
    @ConfigDescription("plugins to load, e.g. [multilink, nat-probe, snat]")
    public void setPlugins(List<String> plugins) {
        this.plugins = plugins;
    }

    public HostPort getListen() {
        return listen;
    }

    @ConfigKey("listen")
    @ConfigDescription("UDP address and port the proxy listens on: \"[::]:7600\" serves IPv4 and IPv6, 0.0.0.0:7600 IPv4 only, "
            + "another address only its own family (quote what starts with '[')")
    public void setListen(HostPort listen) {
        this.listen = listen;
    }

    public String getUsers() {
        return users;
    }

    @ConfigKey("users")
    @ConfigRequired
    @ConfigDescription("users file written by `braid user add` (salts and SRP verifiers, no passwords)")
    public void setUsers(String users) {
        this.users = users;
    }

    public String getTunName() {
        return tunName;
    }

    @ConfigKey("tun-name")
    @ConfigDescription("name of the proxy's TUN device")
    public void setTunName(String tunName) {
        this.tunName = tunName;
    }

    public IpPrefix getClientPool() {
        return clientPool;
    }

    @ConfigKey("client-pool")
    @ConfigDescription("virtual addresses for clients; the first host address is the proxy's own")
    public void setClientPool(IpPrefix clientPool) {
        this.clientPool = clientPool;
    }

    /** The IPv6 pool, or null: an IPv4-only tunnel. */
    public InetPrefix getClientPool6() {
        return clientPool6;
    }

    @ConfigKey("client-pool6")
    @ConfigDescription("IPv6 addresses for clients, a /64 to /120 (e.g. a ULA fd00:77::/64); each client gets one beside "
            + "its IPv4 address, the first host address is the proxy's own; unset: no IPv6 in the tunnel")
    public void setClientPool6(InetPrefix clientPool6) {
        this.clientPool6 = clientPool6;
    }

    public int getMtu() {
        return mtu;
    }

    @ConfigKey("mtu")
    @ConfigMin(576)
    @ConfigMax(9000)
    @ConfigDescription("tunnel MTU (inner packets)")
    public void setMtu(int mtu) {
        this.mtu = mtu;
    }

    public boolean isRequireEncryption() {
        return requireEncryption;
    }

    @ConfigKey("require-encryption")
    @ConfigDescription("refuse clients that ask for encryption: none")
    public void setRequireEncryption(boolean requireEncryption) {
        this.requireEncryption = requireEncryption;
    }

    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @ConfigKey("session-idle-timeout")
    @ConfigDescription("a session that sent nothing for this long is closed")
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public Duration getLinkDownTimeout() {
        return linkDownTimeout;
    }

    @ConfigKey("link-down-timeout")
    @ConfigDescription("a link DOWN this long is dropped from its session, and nothing more is sent to its address")
    public void setLinkDownTimeout(Duration linkDownTimeout) {
        this.linkDownTimeout = linkDownTimeout;
    }

    public String getControlSocket() {
        return controlSocket;
    }

    @ConfigKey("control-socket")
    @ConfigDescription("path of the status socket; empty: /run/braid/proxy.sock (root) or the user's runtime dir")
    public void setControlSocket(String controlSocket) {
        this.controlSocket = controlSocket;
    }

    public String getAddressLeases() {
        return addressLeases;
    }

    @ConfigKey("address-leases")
    @ConfigDescription("file the proxy keeps each user's last address in, so they keep it across restarts; empty: in memory only")
    public void setAddressLeases(String addressLeases) {
        this.addressLeases = addressLeases;
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    @ConfigKey("max-sessions")
    @ConfigMin(1)
    @ConfigDescription("sessions served at once at most")
    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    public Duration getUsersWatch() {
        return usersWatch;
    }

    @ConfigKey("users-watch")
    @ConfigDescription("how often the users file is checked for changes, applied as on SIGHUP (a removed user's sessions end, "
            + "a new password counts from the next login); 0s: only on SIGHUP or braid reload")
    public void setUsersWatch(Duration usersWatch) {
        this.usersWatch = usersWatch;
    }

    public int getMaxSessionsPerUser() {
        return maxSessionsPerUser;
    }

    @ConfigKey("max-sessions-per-user")
    @ConfigMin(1)
    @ConfigDescription("sessions one user may hold at once (each client process holds one)")
    public void setMaxSessionsPerUser(int maxSessionsPerUser) {
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    public int getLoginWorkers() {
        return loginWorkers;
    }

    /** The login worker threads to start: {@code login-workers}, or one per core when it is 0. */
    public int effectiveLoginWorkers() {
        return loginWorkers > 0 ? loginWorkers : Runtime.getRuntime().availableProcessors();
    }

    @ConfigKey("login-workers")
    @ConfigMin(0)
    @ConfigDescription("threads that verify logins (SRP); 0: one per core")
    public void setLoginWorkers(int loginWorkers) {
        this.loginWorkers = loginWorkers;
    }
}
