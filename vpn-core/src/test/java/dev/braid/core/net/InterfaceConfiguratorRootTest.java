package dev.braid.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.tun.LinuxTun;
import dev.braid.core.tun.RootTestSupport;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes and stale devices on a real TUN in a test-only 10.213.x.0/24 and routing table. */
class InterfaceConfiguratorRootTest {
    private final NetCommand ip = new NetCommand();
    private final InterfaceConfigurator config = new InterfaceConfigurator(ip);
    private String name;
    private String prefix;
    private int table;
    private LinuxTun tun;

    @BeforeEach
    void setUp() throws Exception {
        RootTestSupport.requireRootWithTun();
        name = RootTestSupport.uniqueDeviceName();
        prefix = "10.213." + RootTestSupport.randomSubnetOctet() + ".";
        table = 20000 + ThreadLocalRandom.current().nextInt(10000);
    }

    @AfterEach
    void cleanUp() {
        if (name == null) {
            return;
        }
        try {
            config.undo();
        } catch (RuntimeException e) {
            // the device deletion below removes its routes anyway
        }
        if (tun != null) {
            tun.close();
        }
        RootTestSupport.deleteLinkQuietly(name);
    }

    private void openUpTun() throws Exception {
        tun = LinuxTun.open(name, UnpooledByteBufAllocator.DEFAULT);
        config.setIpv4Address(name, (Inet4Address) InetAddress.getByName(prefix + "1"), 30);
        config.setMtu(name, 1400);
        config.setUp(name);
    }

    @Test
    void undoRemovesExactlyTheRoutesItAdded() throws Exception {
        openUpTun();
        Route main = Route.of(prefix + "64/26", name);
        Route inTable = Route.of(prefix + "128/26", name).inTable(table).withMetric(7);
        config.addRoute(main);
        config.addRoute(inTable);
        ip.run("route", "add", prefix + "192/26", "dev", name); // the operator's, not ours

        assertEquals(List.of(main, inTable), config.addedRoutes());
        assertTrue(ip.run("route", "show", "dev", name).contains(prefix + "64/26"));
        assertTrue(ip.run("route", "show", "table", Integer.toString(table)).contains(prefix + "128/26"));
        assertTrue(ip.run("route", "show", "table", Integer.toString(table)).contains("metric 7"));

        config.undo();

        String mainRoutes = ip.run("route", "show", "dev", name);
        assertFalse(mainRoutes.contains(prefix + "64/26"), mainRoutes);
        assertTrue(mainRoutes.contains(prefix + "192/26"), "operator's route stays: " + mainRoutes);
        assertFalse(ip.run("route", "show", "table", Integer.toString(table)).contains(prefix + "128/26"));
        assertEquals(List.of(), config.addedRoutes());
        assertTrue(ip.run("-o", "addr", "show", "dev", name).contains(prefix + "1/30"));
        assertTrue(ip.run("-o", "link", "show", "dev", name).contains("mtu 1400"));
    }

    @Test
    void undoTreatsRoutesThatVanishedWithTheirDeviceAsRemoved() throws Exception {
        openUpTun();
        config.addRoute(Route.of(prefix + "64/26", name));
        tun.close();

        config.undo();

        assertEquals(List.of(), config.addedRoutes());
    }

    @Test
    void duplicateRouteFailsNamingTheCommandAndIpsMessage() throws Exception {
        openUpTun();
        Route route = Route.of(prefix + "64/26", name);
        config.addRoute(route);

        NetConfigException e = assertThrows(NetConfigException.class, () -> config.addRoute(route));

        assertEquals("ip route add " + prefix + "64/26 dev " + name, e.command());
        assertTrue(e.ipMessage().contains("File exists"), e.ipMessage());
        assertTrue(e.getMessage().startsWith("`ip route add " + prefix + "64/26 dev " + name + "` failed: "));
        assertEquals(List.of(route), config.addedRoutes(), "the failed duplicate is not recorded");
    }

    @Test
    void removeRouteForgetsIt() throws Exception {
        openUpTun();
        Route route = Route.of(prefix + "64/26", name);
        config.addRoute(route);

        config.removeRoute(route);

        assertEquals(List.of(), config.addedRoutes());
        assertFalse(ip.run("route", "show", "dev", name).contains(prefix + "64/26"));
    }

    @Test
    void deleteStaleTunRemovesALeftoverTunButNothingElse() {
        ip.run("tuntap", "add", "mode", "tun", "name", name); // persistent, as a crash would leave it
        assertTrue(config.linkExists(name));

        assertTrue(config.deleteStaleTun(name));

        assertFalse(config.linkExists(name));
        assertFalse(config.deleteStaleTun(name), "nothing left to delete");
        NetConfigException e = assertThrows(NetConfigException.class, () -> config.deleteStaleTun("lo"));
        assertTrue(e.getMessage().contains("lo exists and is not a TUN device"), e.getMessage());
        assertTrue(config.linkExists("lo"));
    }
}
