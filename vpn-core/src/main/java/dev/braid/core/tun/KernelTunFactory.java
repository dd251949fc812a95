package dev.braid.core.tun;

import dev.braid.core.config.IpPrefix;
import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.net.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TUN through /dev/net/tun, addressed, sized and up, with the spec's routes. A device of
 * the same name left by a crashed Braid is removed first, so a stale device never blocks a start.
 */
public final class KernelTunFactory implements TunFactory {
    private static final Logger log = LoggerFactory.getLogger(KernelTunFactory.class);

    private final ByteBufAllocator allocator;
    private final InterfaceConfigurator configurator;

    public KernelTunFactory(ByteBufAllocator allocator, InterfaceConfigurator configurator) {
        this.allocator = allocator;
        this.configurator = configurator;
    }

    @Override
    public TunDevice create(TunSpec spec) {
        if (!spec.name().contains("%") && configurator.deleteStaleTun(spec.name())) {
            log.warn("removed stale TUN device {} left by an earlier run", spec.name());
        }
        LinuxTun tun = LinuxTun.open(spec.name(), allocator);
        try {
            configurator.setIpv4Address(tun.name(), spec.address(), spec.prefixLength());
            configurator.setMtu(tun.name(), spec.mtu());
            configurator.setUp(tun.name());
            for (IpPrefix route : spec.routes()) {
                configurator.addRoute(Route.of(route.toString(), tun.name()));
            }
        } catch (RuntimeException e) {
            configurator.undo();
            tun.close();
            throw e;
        }
        log.info("TUN {} up: {}/{} mtu {}{}", tun.name(), spec.address().getHostAddress(), spec.prefixLength(),
                spec.mtu(), spec.routes().isEmpty() ? "" : ", routes " + spec.routes());
        return new ConfiguredTun(tun, configurator);
    }

    /** Closing the device also removes the routes this factory added for it. */
    private static final class ConfiguredTun implements TunDevice {
        private final LinuxTun tun;
        private final InterfaceConfigurator configurator;

        ConfiguredTun(LinuxTun tun, InterfaceConfigurator configurator) {
            this.tun = tun;
            this.configurator = configurator;
        }

        @Override
        public String name() {
            return tun.name();
        }

        @Override
        public int mtu() {
            return tun.mtu();
        }

        @Override
        public int readBatch(List<ByteBuf> out, int max) {
            return tun.readBatch(out, max);
        }

        @Override
        public void write(ByteBuf packet) {
            tun.write(packet);
        }

        @Override
        public long writeDrops() {
            return tun.writeDrops();
        }

        @Override
        public void close() {
            try {
                configurator.undo();
            } finally {
                tun.close();
            }
        }
    }
}
