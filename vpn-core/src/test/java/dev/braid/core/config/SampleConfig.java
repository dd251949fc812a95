package dev.braid.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A config class with a key of every supported type, for the binder tests. */
public class SampleConfig implements SelfValidatingConfig {
    public enum Cipher { AES_256_GCM, CHACHA20_POLY1305, NONE }

    private String name = "braid";
    private int port = 51820;
    private long maxPackets = 1_000_000L;
    private double weight = 1.0;
    private boolean enabled = true;
    private Cipher cipher = Cipher.CHACHA20_POLY1305;
    private Duration keepalive = Duration.ofSeconds(25);
    private DataSize mtu = DataSize.ofBytes(1420);
    private DataRate maxRate = DataRate.parse("100mbit");
    private DataRate minRate = DataRate.ofBitsPerSecond(0);
    private IpPrefix subnet = IpPrefix.parse("10.77.0.0/16");
    private HostPort listen = HostPort.parse("0.0.0.0:51820");
    private String password;
    private List<String> tags = List.of();
    private List<Integer> ports = List.of(1, 2);
    private List<Duration> backoff = List.of(Duration.ofMillis(100));
    private List<IpPrefix> routes = List.of();
    private LimitsConfig limits = new LimitsConfig();
    private List<LinkConfig> links = List.of();

    @ConfigKey("name")
    @ConfigDescription("instance name")
    public void setName(String name) { this.name = name; }
    public String getName() { return name; }

    @ConfigKey("port")
    @ConfigMin(1)
    @ConfigMax(65535)
    public void setPort(int port) { this.port = port; }
    public int getPort() { return port; }

    @ConfigKey("max-packets")
    @ConfigMin(0)
    public void setMaxPackets(long maxPackets) { this.maxPackets = maxPackets; }
    public long getMaxPackets() { return maxPackets; }

    @ConfigKey("weight")
    public void setWeight(double weight) { this.weight = weight; }
    public double getWeight() { return weight; }

    @ConfigKey("enabled")
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isEnabled() { return enabled; }

    @ConfigKey("cipher")
    public void setCipher(Cipher cipher) { this.cipher = cipher; }
    public Cipher getCipher() { return cipher; }

    @ConfigKey("keepalive")
    public void setKeepalive(Duration keepalive) { this.keepalive = keepalive; }
    public Duration getKeepalive() { return keepalive; }

    @ConfigKey("mtu")
    @ConfigMin(576)
    public void setMtu(DataSize mtu) { this.mtu = mtu; }
    public DataSize getMtu() { return mtu; }

    @ConfigKey("max-rate")
    public void setMaxRate(DataRate maxRate) { this.maxRate = maxRate; }
    public DataRate getMaxRate() { return maxRate; }

    @ConfigKey("min-rate")
    public void setMinRate(DataRate minRate) { this.minRate = minRate; }
    public DataRate getMinRate() { return minRate; }

    @ConfigKey("subnet")
    public void setSubnet(IpPrefix subnet) { this.subnet = subnet; }
    public IpPrefix getSubnet() { return subnet; }

    @ConfigKey("listen")
    public void setListen(HostPort listen) { this.listen = listen; }
    public HostPort getListen() { return listen; }

    @ConfigKey("password")
    @ConfigSecret
    public void setPassword(String password) { this.password = password; }
    public String getPassword() { return password; }

    @ConfigKey("tags")
    public void setTags(List<String> tags) { this.tags = tags; }
    public List<String> getTags() { return tags; }

    @ConfigKey("ports")
    @ConfigMin(1)
    public void setPorts(List<Integer> ports) { this.ports = ports; }
    public List<Integer> getPorts() { return ports; }

    @ConfigKey("backoff")
    public void setBackoff(List<Duration> backoff) { this.backoff = backoff; }
    public List<Duration> getBackoff() { return backoff; }

    @ConfigKey("routes")
    public void setRoutes(List<IpPrefix> routes) { this.routes = routes; }
    public List<IpPrefix> getRoutes() { return routes; }

    @ConfigKey("limits")
    public void setLimits(LimitsConfig limits) { this.limits = limits; }
    public LimitsConfig getLimits() { return limits; }

    @ConfigKey("links")
    public void setLinks(List<LinkConfig> links) { this.links = links; }
    public List<LinkConfig> getLinks() { return links; }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (minRate.compareTo(maxRate) > 0) {
            problems.add("min-rate (" + minRate + ") must not exceed max-rate (" + maxRate + ")");
        }
        return problems;
    }

    /** A nested object. */
    public static class LimitsConfig {
        private int queue = 256;
        private DataSize buffer = DataSize.parse("4MiB");

        @ConfigKey("queue")
        @ConfigMin(1)
        public void setQueue(int queue) { this.queue = queue; }
        public int getQueue() { return queue; }

        @ConfigKey("buffer")
        public void setBuffer(DataSize buffer) { this.buffer = buffer; }
        public DataSize getBuffer() { return buffer; }
    }

    /** An item of a list of nested objects. */
    public static class LinkConfig {
        private String name;
        private String networkInterface;
        private HostPort proxy;

        @ConfigKey("name")
        @ConfigRequired
        public void setName(String name) { this.name = name; }
        public String getName() { return name; }

        @ConfigKey("interface")
        @ConfigDescription("network interface the link's socket is bound to")
        @ConfigRequired
        public void setInterface(String networkInterface) { this.networkInterface = networkInterface; }
        public String getInterface() { return networkInterface; }

        @ConfigKey("proxy")
        public void setProxy(HostPort proxy) { this.proxy = proxy; }
        public HostPort getProxy() { return proxy; }
    }
}
