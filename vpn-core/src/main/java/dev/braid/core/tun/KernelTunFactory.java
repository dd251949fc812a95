package dev.braid.core.tun;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.wire.Ipv6Address;
import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.net.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TUN through /dev/net/tun, addressed, sized and up, with the spec's routes. A device of
 * the same name left by a crashed Braid is removed first, so a stale device never blocks a start;
 * one a live process holds refuses the start, naming that process.
 */
public final class KernelTunFactory implements TunFactory {
    private static final Logger log = LoggerFactory.getLogger(KernelTunFactory.class);

    private final ByteBufAllocator allocator;
    private final InterfaceConfigurator configurator;
    private final TunOwners owners;

    public KernelTunFactory(ByteBufAllocator allocator, InterfaceConfigurator configurator) {
        this(allocator, configurator, TunOwners.system());
    }

    KernelTunFactory(ByteBufAllocator allocator, InterfaceConfigurator configurator, TunOwners owners) {
        this.allocator = allocator;
        this.configurator = configurator;
        this.owners = owners;
    }

    @Override
    public TunDevice create(TunSpec spec) {
        refuseIfHeld(spec.name());
        if (!spec.name().contains("%") && configurator.deleteStaleTun(spec.name())) {
            log.warn("removed stale TUN device {} left by an earlier run", spec.name());
        }
        LinuxTun tun = LinuxTun.open(spec.name(), allocator);
        try {
            configurator.setIpv4Address(tun.name(), spec.address(), spec.prefixLength());
            configurator.setMtu(tun.name(), spec.mtu());
            if (spec.address6() != null) {
                configurator.setIpv6Address(tun.name(), spec.address6(), spec.prefixLength6());
            }
            configurator.setUp(tun.name());
            for (InetPrefix route : spec.routes()) {
                configurator.addRoute(Route.of(route.toString(), tun.name()));
            }
        } catch (RuntimeException e) {
            configurator.undo();
            tun.close();
            throw e;
        }
        log.info("TUN {} up: {}/{}{} mtu {}{}", tun.name(), spec.address().getHostAddress(), spec.prefixLength(),
                spec.address6() == null ? "" : " " + Ipv6Address.of(spec.address6()) + "/" + spec.prefixLength6(),
                spec.mtu(), spec.routes().isEmpty() ? "" : ", routes " + spec.routes());
        return new ConfiguredTun(tun, configurator);
    }

    @Override
    public void requireFree(String name) {
        refuseIfHeld(name);
    }

    /** A device of that name that a live process holds is its tunnel, not a leftover: never delete it. */
    private void refuseIfHeld(String name) {
        OptionalLong owner = name.contains("%") ? OptionalLong.empty() : owners.ownerOf(name);
        if (owner.isPresent()) {
            long pid = owner.getAsLong();
            String who = owners.commandLine(pid).filter(line -> line.contains("dev.braid")).map(line -> "braid process")
                    .orElse("process");
            throw new TunException(TunException.Reason.NAME_IN_USE, 0, "TUN " + name + " is in use by " + who + " " + pid
                    + ": stop it first, or set tun-name to another name");
        }
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
        public void setMtu(int mtu) {
            configurator.setMtu(tun.name(), mtu);
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
