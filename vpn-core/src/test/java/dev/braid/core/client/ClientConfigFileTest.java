package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigException;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.cli.Bootstrap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientConfigFileTest {
    private final Bootstrap bootstrap = new Bootstrap();

    @Test
    void linksAutoIsAKeywordInPlaceOfTheList() {
        ConfigDocument doc = bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  encryption: aes-256-gcm\nlinks: auto\n");
        assertEquals(Optional.of("auto"), doc.listKeyword(Bootstrap.LINKS_SECTION));
        assertEquals(List.of(), doc.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class));
        assertEquals(CipherSuite.AES_256_GCM, doc.section(Bootstrap.CLIENT_SECTION, ClientConfig.class).getEncryption());
        assertTrue(EffectiveConfig.render(doc).contains("links: auto\n"));
    }

    @Test
    void explicitLinksAndAllErrorsWithLines() {
        ConfigDocument doc = bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\nlinks:\n  - name: wired\n    interface: eth0\n");
        assertEquals("eth0", doc.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class).get(0).getInterface());
        ConfigException e = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: nowhere\n  user: alice\n  #\nlinks: sometimes\n"));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:2: client.proxy"), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:5: links"), e.getMessage());
    }

    @Test
    void linkPolicyKeysAndTheirErrorsWithLines() {
        ConfigDocument doc = bootstrap.configLoader().load("c.yaml", String.join("\n", "client:", "  proxy: 192.0.2.1:7600",
                "  user: alice", "links:", "  - name: wired", "  - name: lte", "    priority: backup", "    max-rate: 20mbit",
                "    data-cap: 10GB", "    data-cap-period: day", ""));
        LinkConfig lte = doc.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class).get(1);
        assertEquals(new dev.braid.core.spi.LinkUse(dev.braid.core.spi.LinkPriority.BACKUP, 20_000_000), lte.use());
        assertEquals(10_000_000_000L, lte.getDataCap().bytes());
        assertEquals(DataCapPeriod.DAY, lte.getDataCapPeriod());
        assertEquals(dev.braid.core.spi.LinkUse.DEFAULT,
                doc.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class).get(0).use(), "primary, no cap by default");
        ConfigException e = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                String.join("\n", "client:", "  proxy: 192.0.2.1:7600", "  user: alice", "links:", "  - name: lte",
                        "    priority: tertiary", "    data-cap: lots", "    data-cap-period: week", "")));
        assertEquals(3, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:6: links[0].priority") && e.getMessage().contains("primary, secondary, backup"),
                e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:7: links[0].data-cap"), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml:8: links[0].data-cap-period") && e.getMessage().contains("day, month"),
                e.getMessage());
    }

    @Test
    void routesOfBothFamiliesAndTheirErrorsWithLines() {
        ClientConfig client = bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  routes: [10.0.0.0/8, fd00:99::/64, \"::/0\"]\n")
                .section(Bootstrap.CLIENT_SECTION, ClientConfig.class);
        // a leading "::" is a YAML indicator in a flow list: "::/0" is quoted (or written 0::/0)
        assertEquals(List.of(InetPrefix.parse("10.0.0.0/8"), InetPrefix.parse("fd00:99::/64"), InetPrefix.parse("::/0")),
                client.getRoutes());
        ConfigException bad = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  routes: [fd00:99::1/64]\n"));
        assertTrue(bad.getMessage().contains("c.yaml:4: client.routes[0]: host bits set in fd00:99::1/64 (did you mean "
                + "fd00:99::/64?)"), bad.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  routes: [fd00:99::/64, fd00:99::/64]\n"));
        assertTrue(twice.getMessage().contains("routes lists fd00:99::/64 twice"), twice.getMessage());
    }

    @Test
    void linkDownTimeoutDefaultsToFiveMinutesAndABadValueNamesTheKeyAndLine() {
        ConfigDocument doc = bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n");
        assertEquals(java.time.Duration.ofMinutes(5),
                doc.section(Bootstrap.CLIENT_SECTION, ClientConfig.class).getLinkDownTimeout());
        assertEquals(java.time.Duration.ofSeconds(90), bootstrap.configLoader().load("c.yaml",
                        "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  link-down-timeout: 90s\n")
                .section(Bootstrap.CLIENT_SECTION, ClientConfig.class).getLinkDownTimeout());
        ConfigException e = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  link-down-timeout: 10ms\n"));
        assertTrue(e.getMessage().contains("c.yaml:2: client: link-down-timeout must be at least 1s, is 10ms"),
                e.getMessage());
        ConfigException notADuration = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  link-down-timeout: soon\n"));
        assertTrue(notADuration.getMessage().contains("c.yaml:4: client.link-down-timeout"), notADuration.getMessage());
    }

    @Test
    void mtuProbingIsOnByDefaultEveryTenMinutesAndBadValuesNameTheKeyAndLine() {
        ClientConfig defaults = bootstrap.configLoader().load("c.yaml", "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n")
                .section(Bootstrap.CLIENT_SECTION, ClientConfig.class);
        assertTrue(defaults.isMtuProbe());
        assertEquals(java.time.Duration.ofMinutes(10), defaults.mtuProbing().interval());
        ClientConfig off = bootstrap.configLoader().load("c.yaml",
                        "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  mtu-probe: false\n  mtu-probe-interval: 1h\n")
                .section(Bootstrap.CLIENT_SECTION, ClientConfig.class);
        assertEquals(null, off.mtuProbing());
        assertEquals(java.time.Duration.ofHours(1), off.getMtuProbeInterval());
        ConfigException notABoolean = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  mtu-probe: sometimes\n"));
        assertTrue(notABoolean.getMessage().contains("c.yaml:4: client.mtu-probe"), notABoolean.getMessage());
        ConfigException tooOften = assertThrows(ConfigException.class, () -> bootstrap.configLoader().load("c.yaml",
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  mtu-probe-interval: 1s\n"));
        assertTrue(tooOften.getMessage().contains("c.yaml:2: client: mtu-probe-interval must be at least 10s, is 1s"),
                tooOften.getMessage());
    }
}
