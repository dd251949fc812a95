package dev.braid.core.spi;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;

/**
 * How an address is written for people and for JSON: {@code 10.1.2.3:7600}, {@code [fd00::2]:7600}
 * (RFC 5952 short form). Not Java's {@code /[fd00:0:0:0:0:0:0:2%0]:7600}.
 */
public final class Addresses {
    private Addresses() {}

    /** {@code ip:port}, or {@code -} for none. */
    public static String format(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        if (address.isUnresolved()) {
            return address.getHostString() + ":" + address.getPort();
        }
        return NetUtil.toSocketAddressString(address.getAddress().getHostAddress().contains("%")
                ? new InetSocketAddress(NetUtil.toAddressString(address.getAddress()), address.getPort()) : address);
    }
}
