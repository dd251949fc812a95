package dev.braid.core.client;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.path.PathMtuProbe;
import dev.braid.core.config.ConfigRequired;
import dev.braid.core.config.HostPort;
import dev.braid.core.config.InetPrefix;
import dev.braid.core.config.Durations;
import dev.braid.core.config.SelfValidatingConfig;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.session.LinkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code client:} section. The links to use are the top-level {@code links:} list. */
public final class ClientConfig implements SelfValidatingConfig {
    private List<String> plugins = List.of();
    private HostPort proxy;
    private String user;
    private String passwordFile = "";
    private CipherSuite encryption = CipherSuite.AES_256_GCM;
    private String dataPath = "";
    private String tunName = "braid0";
    private List<InetPrefix> routes = List.of();
    private Duration keepalive = Duration.ofSeconds(10);
    private Duration proxyDeadAfter = Duration.ofSeconds(30);
    private Duration loginTimeout = Duration.ofSeconds(20);
    private Duration linkDownTimeout = LinkPolicy.DEFAULT_DOWN_TIMEOUT;
    private String controlSocket = "";
    private String onUp = "";
    private boolean acceptPushed = true;
    private String onDown = "";
    private String dataUsage = "/var/lib/braid/data-usage";
    private boolean killSwitch;
    private boolean mtuProbe = true;
    private Duration mtuProbeInterval = PathMtuProbe.Settings.defaults().interval();

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (keepalive.compareTo(Duration.ofMillis(100)) < 0) {
            problems.add("keepalive must be at least 100ms");
        }
        if (proxyDeadAfter.compareTo(keepalive.multipliedBy(2)) < 0) {
            problems.add("proxy-dead-after must be at least twice keepalive (" + keepalive.multipliedBy(2) + ")");
        }
        if (linkDownTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("link-down-timeout must be at least 1s, is " + Durations.format(linkDownTimeout));
        }
        if (mtuProbeInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add("mtu-probe-interval must be at least 10s, is " + Durations.format(mtuProbeInterval));
        }
        for (int i = 0; i < routes.size(); i++) {
            if (routes.subList(0, i).contains(routes.get(i))) {
                problems.add("routes lists " + routes.get(i) + " twice");
            }
        }
        return problems;
    }

    public List<String> getPlugins() {
        return plugins;
    }

    @ConfigKey("plugins")
    @ConfigDescription("plugins to load, e.g. [multilink, nat-probe]")
    public void setPlugins(List<String> plugins) {
        this.plugins = plugins;
    }

    public HostPort getProxy() {
        return proxy;
    }

    @ConfigKey("proxy")
    @ConfigRequired
    @ConfigDescription("the proxy's UDP address, host:port")
    public void setProxy(HostPort proxy) {
        this.proxy = proxy;
    }

    public String getUser() {
        return user;
    }

    @ConfigKey("user")
    @ConfigRequired
    @ConfigDescription("user name to log in with")
    public void setUser(String user) {
        this.user = user;
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    @ConfigKey("password-file")
    @ConfigDescription("file holding the password (first line); empty: ask at the terminal")
    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile;
    }

    public CipherSuite getEncryption() {
        return encryption;
    }

    @ConfigKey("encryption")
    @ConfigDescription("aes-256-gcm (fastest with AES instructions), chacha20-poly1305 (fastest without), or none (packets stay authenticated)")
    public void setEncryption(CipherSuite encryption) {
        this.encryption = encryption;
    }

    public String getDataPath() {
        return dataPath;
    }

    @ConfigKey("data-path")
    @ConfigDescription("how packets use the links: single or multilink; empty: multilink when that plugin is loaded")
    public void setDataPath(String dataPath) {
        this.dataPath = dataPath;
    }

    public String getTunName() {
        return tunName;
    }

    @ConfigKey("tun-name")
    @ConfigDescription("name of the client's TUN device")
    public void setTunName(String tunName) {
        this.tunName = tunName;
    }

    public List<InetPrefix> getRoutes() {
        return routes;
    }

    @ConfigKey("routes")
    @ConfigDescription("destinations of either family to send through the tunnel, e.g. [0.0.0.0/1, 128.0.0.0/1, "
            + "\"::/1\", 8000::/1] for everything (quote what starts with ::); a full IPv4 tunnel without IPv6 routes also "
            + "takes IPv6 (dropped without an IPv6 address), so IPv6 never leaves beside it")
    public void setRoutes(List<InetPrefix> routes) {
        this.routes = routes;
    }

    public Duration getKeepalive() {
        return keepalive;
    }

    @ConfigKey("keepalive")
    @ConfigDescription("send a keepalive on a link that sent nothing for this long")
    public void setKeepalive(Duration keepalive) {
        this.keepalive = keepalive;
    }

    public Duration getProxyDeadAfter() {
        return proxyDeadAfter;
    }

    @ConfigKey("proxy-dead-after")
    @ConfigDescription("after this long without a word from the proxy, keepalives go out on every link twice a second (the session is kept; a restarted proxy answers unknown-session and the client logs in again)")
    public void setProxyDeadAfter(Duration proxyDeadAfter) {
        this.proxyDeadAfter = proxyDeadAfter;
    }

    public Duration getLinkDownTimeout() {
        return linkDownTimeout;
    }

    @ConfigKey("link-down-timeout")
    @ConfigDescription("a link DOWN this long is dropped from the session (a client link that comes back joins again)")
    public void setLinkDownTimeout(Duration linkDownTimeout) {
        this.linkDownTimeout = linkDownTimeout;
    }

    public Duration getLoginTimeout() {
        return loginTimeout;
    }

    @ConfigKey("login-timeout")
    @ConfigDescription("give up a login attempt after this long")
    public void setLoginTimeout(Duration loginTimeout) {
        this.loginTimeout = loginTimeout;
    }

    public String getControlSocket() {
        return controlSocket;
    }

    @ConfigKey("control-socket")
    @ConfigDescription("path of the status socket; empty: /run/braid/client.sock (root) or the user's runtime dir")
    public void setControlSocket(String controlSocket) {
        this.controlSocket = controlSocket;
    }

    public boolean isMtuProbe() {
        return mtuProbe;
    }

    @ConfigKey("mtu-probe")
    @ConfigDescription("probe each link's path MTU (DF set, no ICMP needed) and lower the tunnel MTU and MSS clamp to what every link carries")
    public void setMtuProbe(boolean mtuProbe) {
        this.mtuProbe = mtuProbe;
    }

    public Duration getMtuProbeInterval() {
        return mtuProbeInterval;
    }

    @ConfigKey("mtu-probe-interval")
    @ConfigDescription("probe each link's path MTU again this often (and at once when the link comes back up)")
    public void setMtuProbeInterval(Duration mtuProbeInterval) {
        this.mtuProbeInterval = mtuProbeInterval;
    }

    /** How links probe their path MTU, or null when {@code mtu-probe} is off. */
    public PathMtuProbe.Settings mtuProbing() {
        return mtuProbe ? PathMtuProbe.Settings.withInterval(mtuProbeInterval) : null;
    }

    public boolean isAcceptPushed() {
        return acceptPushed;
    }

    @ConfigKey("accept-pushed")
    @ConfigDescription("use the routes, DNS servers and search domains the proxy pushes (false: only this config's routes)")
    public void setAcceptPushed(boolean acceptPushed) {
        this.acceptPushed = acceptPushed;
    }

    public String getOnUp() {
        return onUp;
    }

    @ConfigKey("on-up")
    @ConfigDescription("shell command run (sh -c) each time the tunnel is up on a new TUN, with BRAID_* facts in its environment")
    public void setOnUp(String onUp) {
        this.onUp = onUp;
    }

    public String getOnDown() {
        return onDown;
    }

    @ConfigKey("on-down")
    @ConfigDescription("shell command run (sh -c) before the TUN is removed (stop, or a new address), as on-up")
    public void setOnDown(String onDown) {
        this.onDown = onDown;
    }

    public String getDataUsage() {
        return dataUsage;
    }

    @ConfigKey("data-usage")
    @ConfigDescription("file the counts of links with a data-cap are kept in across restarts (read and written only when a link has one)")
    public void setDataUsage(String dataUsage) {
        this.dataUsage = dataUsage;
    }

    public boolean isKillSwitch() {
        return killSwitch;
    }

    @ConfigKey("kill-switch")
    @ConfigDescription("while the client runs, traffic for its routes never leaves outside the tunnel (its own nftables table, removed at stop)")
    public void setKillSwitch(boolean killSwitch) {
        this.killSwitch = killSwitch;
    }
}
