package dev.braid.core.client;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigRequired;
import dev.braid.core.config.HostPort;

/** One entry of the client's {@code links:} list: a local interface to tunnel over. */
public final class LinkConfig {
    private String name;
    private String interfaceName = "";
    private String localAddress = "";
    private HostPort proxy;

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
}
