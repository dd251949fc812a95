package dev.braid.core.client;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigRequired;
import dev.braid.core.config.DataRate;
import dev.braid.core.config.DataSize;
import dev.braid.core.config.HostPort;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;

/** One entry of the client's {@code links:} list: a local interface to tunnel over. */
public final class LinkConfig {
    private String name;
    private String interfaceName = "";
    private String localAddress = "";
    private HostPort proxy;
    private LinkPriority priority = LinkPriority.PRIMARY;
    private DataRate maxRate = DataRate.ofBitsPerSecond(0);
    private DataSize dataCap = DataSize.ofBytes(0);
    private DataCapPeriod dataCapPeriod = DataCapPeriod.MONTH;

    /** A link with only a name: unbound, to the client's proxy address. */
    public static LinkConfig named(String name) {
        LinkConfig link = new LinkConfig();
        link.setName(name);
        return link;
    }

    public String getName() {
        return name;
    }

    @ConfigKey("name")
    @ConfigRequired
    @ConfigDescription("name shown in logs and status, e.g. the interface or the provider")
    public void setName(String name) {
        this.name = name;
    }

    public String getInterface() {
        return interfaceName;
    }

    @ConfigKey("interface")
    @ConfigDescription("bind the link's socket to this interface (SO_BINDTODEVICE); empty: no binding")
    public void setInterface(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    public String getLocalAddress() {
        return localAddress;
    }

    @ConfigKey("local-address")
    @ConfigDescription("bind the link's socket to this local IP (for source-address policy routing)")
    public void setLocalAddress(String localAddress) {
        this.localAddress = localAddress;
    }

    public HostPort getProxy() {
        return proxy;
    }

    @ConfigKey("proxy")
    @ConfigDescription("send this link to another proxy address than the client's `proxy` (e.g. via an emulator)")
    public void setProxy(HostPort proxy) {
        this.proxy = proxy;
    }

    public LinkPriority getPriority() {
        return priority;
    }

    @ConfigKey("priority")
    @ConfigDescription("primary, secondary or backup: data goes over the up links of the best tier that has one; the others wait with probes only")
    public void setPriority(LinkPriority priority) {
        this.priority = priority;
    }

    public DataRate getMaxRate() {
        return maxRate;
    }

    @ConfigKey("max-rate")
    @ConfigDescription("the most this link may carry, each direction (the proxy is told), e.g. 20mbit; 0: no cap (multilink data path only)")
    public void setMaxRate(DataRate maxRate) {
        this.maxRate = maxRate;
    }

    public DataSize getDataCap() {
        return dataCap;
    }

    @ConfigKey("data-cap")
    @ConfigDescription("bytes this link may move per data-cap-period, both directions, outer headers included; at the cap it becomes backup; 0: no cap")
    public void setDataCap(DataSize dataCap) {
        this.dataCap = dataCap;
    }

    public DataCapPeriod getDataCapPeriod() {
        return dataCapPeriod;
    }

    @ConfigKey("data-cap-period")
    @ConfigDescription("day or month (calendar, in the machine's time zone): when the data-cap count starts again")
    public void setDataCapPeriod(DataCapPeriod dataCapPeriod) {
        this.dataCapPeriod = dataCapPeriod;
    }

    /** A copy with only what its socket is made from (name, interface, address, proxy): what a reload cannot change. */
    public LinkConfig socketSettings() {
        LinkConfig copy = named(name);
        copy.setInterface(interfaceName);
        copy.setLocalAddress(localAddress);
        copy.setProxy(proxy);
        return copy;
    }

    /** How the link is used while it is under its data cap. */
    public LinkUse use() {
        return new LinkUse(priority, maxRate.bitsPerSecond());
    }
}
