package dev.braid.snat;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;

/**
 * The {@code snat:} config section. Setters are named after the keys
 * ({@code egress-interface}, {@code table}, {@code enable-forwarding}).
 */
public final class SnatConfig {
    /** The value of {@code egress-interface} that means "the interface of the IPv4 default route". */
    public static final String AUTO = "auto";

    private String egressInterface = AUTO;
    private String table = "braid_snat";
    private boolean enableForwarding = true;

    public SnatConfig() {}

    /** Interface client traffic leaves by, or {@code auto} for the IPv4 default route's. */
    public String getEgressInterface() {
        return egressInterface;
    }

    @ConfigKey("egress-interface")
    @ConfigDescription("interface client traffic leaves by; auto: that of the IPv4 default route")
    public void setEgressInterface(String egressInterface) {
        this.egressInterface = egressInterface;
    }

    /** Name of the nftables table (family {@code ip}) this plugin owns. */
    public String getTable() {
        return table;
    }

    @ConfigKey("table")
    @ConfigDescription("nftables table (family ip) owned by braid")
    public void setTable(String table) {
        this.table = table;
    }

    /** Whether to set {@code net.ipv4.ip_forward=1} while running (restored at stop). */
    public boolean isEnableForwarding() {
        return enableForwarding;
    }

    @ConfigKey("enable-forwarding")
    @ConfigDescription("set net.ipv4.ip_forward=1 while running, restored at stop")
    public void setEnableForwarding(boolean enableForwarding) {
        this.enableForwarding = enableForwarding;
    }

    /** True when the egress interface is to be found from the default route. */
    boolean egressIsAuto() {
        return egressInterface == null || egressInterface.isBlank() || AUTO.equals(egressInterface.trim());
    }

    @Override
    public String toString() {
        return "snat{egress-interface=" + egressInterface + ", table=" + table
                + ", enable-forwarding=" + enableForwarding + "}";
    }
}
