package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.SampleConfig.Cipher;
import dev.braid.core.config.SampleConfig.LinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String FULL = """
            sample:
              name: edge-1
              port: 4433
              max-packets: 5000000000
              weight: 2.5
              enabled: false
              cipher: AES-256-GCM
              keepalive: 250ms
              mtu: 1500
              max-rate: 100Mbit/s
              min-rate: 8mbit
              subnet: 10.78.0.0/24
              listen: "[::1]:4433"
              password: s3cret
              tags: [a, "b c"]
              ports:
                - 80
                - 443
              backoff: [1s, 5m, 1h]
              routes: [0.0.0.0/0, 192.168.0.0/16]
              limits:
                queue: 64
                buffer: 64KiB
              links:
                - name: wifi
                  interface: wlan0
                  proxy: proxy.example.org:51820
                - name: lte
                  interface: wwan0
            links:
              - name: top
                interface: eth0
            """;

    static ConfigLoader loader() {
        return new ConfigLoader()
                .register("sample", SampleConfig.class)
                .register("other", OtherConfig.class)
                .registerList("links", LinkConfig.class);
    }

    @Test
    void absentSectionsGiveDefaults() {
        ConfigDocument document = loader().load("test.yaml", "");
        SampleConfig sample = document.section("sample", SampleConfig.class);

        assertEquals("braid", sample.getName());
        assertEquals(51820, sample.getPort());
        assertEquals(1_000_000L, sample.getMaxPackets());
        assertEquals(1.0, sample.getWeight());
        assertTrue(sample.isEnabled());
        assertEquals(Cipher.CHACHA20_POLY1305, sample.getCipher());
        assertEquals(Duration.ofSeconds(25), sample.getKeepalive());
        assertEquals(DataSize.ofBytes(1420), sample.getMtu());
        assertEquals(DataRate.ofBitsPerSecond(100_000_000), sample.getMaxRate());
        assertEquals(IpPrefix.parse("10.77.0.0/16"), sample.getSubnet());
        assertEquals(new HostPort("0.0.0.0", 51820), sample.getListen());
        assertNull(sample.getPassword());
        assertEquals(List.of(1, 2), sample.getPorts());
        assertEquals(256, sample.getLimits().getQueue());
        assertEquals(List.of(), sample.getLinks());
        // an absent section is not checked for required keys
        assertNull(document.section("other", OtherConfig.class).getServer());
        assertEquals(List.of(), document.listSection("links", LinkConfig.class));
        assertFalse(document.isPresent("sample"));
    }

    @Test
    void emptySectionGivesDefaults() {
        SampleConfig sample = loader().load("test.yaml", "sample:\n").section("sample", SampleConfig.class);

        assertEquals(51820, sample.getPort());
    }

    @Test
    void mapsEveryType() {
        ConfigDocument document = loader().load("test.yaml", FULL);
        SampleConfig sample = document.section("sample", SampleConfig.class);

        assertTrue(document.isPresent("sample"));
        assertEquals("edge-1", sample.getName());
        assertEquals(4433, sample.getPort());
        assertEquals(5_000_000_000L, sample.getMaxPackets());
        assertEquals(2.5, sample.getWeight());
        assertFalse(sample.isEnabled());
        assertEquals(Cipher.AES_256_GCM, sample.getCipher());
        assertEquals(Duration.ofMillis(250), sample.getKeepalive());
        assertEquals(1500, sample.getMtu().bytes());
        assertEquals(100_000_000L, sample.getMaxRate().bitsPerSecond());
        assertEquals(8_000_000L, sample.getMinRate().bitsPerSecond());
        assertEquals("10.78.0.0/24", sample.getSubnet().toString());
        assertEquals(new HostPort("::1", 4433), sample.getListen());
        assertEquals("s3cret", sample.getPassword());
        assertEquals(List.of("a", "b c"), sample.getTags());
        assertEquals(List.of(80, 443), sample.getPorts());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1)), sample.getBackoff());
        assertEquals(List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("192.168.0.0/16")), sample.getRoutes());
        assertEquals(64, sample.getLimits().getQueue());
        assertEquals(64 * 1024, sample.getLimits().getBuffer().bytes());
        assertEquals(2, sample.getLinks().size());
        assertEquals("wifi", sample.getLinks().get(0).getName());
        assertEquals("wlan0", sample.getLinks().get(0).getInterface());
        assertEquals(new HostPort("proxy.example.org", 51820), sample.getLinks().get(0).getProxy());
        assertEquals("wwan0", sample.getLinks().get(1).getInterface());
        assertNull(sample.getLinks().get(1).getProxy());
        List<LinkConfig> topLinks = document.listSection("links", LinkConfig.class);
        assertEquals(List.of("top"), topLinks.stream().map(LinkConfig::getName).collect(Collectors.toList()));
    }

    @Test
    void anUnquotedBracketedIpv6AddressGetsAHintToQuoteIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader().load("v6.yaml", "sample:\n  listen: [::]:7600\n"));
        assertContains(e.getMessage(), "v6.yaml:2: YAML syntax error: ");
        assertContains(e.getMessage(), "; quote IPv6 addresses after '[', e.g. listen: \"[::]:7600\"");
        assertEquals(new HostPort("::", 7600), loader().load("v6.yaml", "sample:\n  listen: \"[::]:7600\"\n")
                .section("sample", SampleConfig.class).getListen());
    }

    @Test
    void reportsAllErrorsOfTheFileTogetherInLineOrder() {
        String yaml = """
                sampel:
                  x: 1
                sample:
                  port: 0
                  keepalive: soon
                  links:
                    - name: a
                other:
                  server: nowhere
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader().load("multi.yaml", yaml));

        List<String> expected = List.of(
                "multi.yaml:1: sampel: unknown section 'sampel' (did you mean 'sample'? known: links, other, sample)",
                "multi.yaml:4: sample.port: must be at least 1, got 0",
                "multi.yaml:5: sample.keepalive: invalid duration 'soon' (expected e.g. 250ms, 30s, 5m, 1h)",
                "multi.yaml:7: sample.links[0].interface: missing required key",
                "multi.yaml:9: other.server: invalid host:port 'nowhere': missing ':port'");
        assertEquals(expected, e.errors().stream().map(ConfigError::toString).collect(Collectors.toList()));
        assertEquals(String.join("\n", expected), e.getMessage());
    }

    @Test
    void effectiveConfigRoundTrips() {
        ConfigDocument first = loader().load("test.yaml", FULL);
        String rendered = EffectiveConfig.render(first);

        ConfigDocument second = loader().load("effective.yaml", rendered);

        assertEquals(rendered, EffectiveConfig.render(second));
        SampleConfig a = first.section("sample", SampleConfig.class);
        SampleConfig b = second.section("sample", SampleConfig.class);
        assertEquals(a.getListen(), b.getListen());
        assertEquals(a.getKeepalive(), b.getKeepalive());
        assertEquals(a.getMaxRate(), b.getMaxRate());
        assertEquals(a.getMtu(), b.getMtu());
        assertEquals(a.getTags(), b.getTags());
        assertEquals(a.getRoutes(), b.getRoutes());
        assertEquals(a.getLinks().get(0).getProxy(), b.getLinks().get(0).getProxy());
        assertEquals(a.getCipher(), b.getCipher());
        assertEquals(a.getWeight(), b.getWeight());
        assertEquals("***", b.getPassword());
        assertContains(rendered, "password: \"***\"");
        assertFalse(rendered.contains("s3cret"), rendered);
    }

    @Test
    void effectiveConfigWithDescriptionsRoundTrips() {
        String rendered = EffectiveConfig.render(loader().load("test.yaml", FULL), true);

        // a description comment may open a list item
        assertContains(rendered, "    - # network interface the link's socket is bound to\n      interface: wlan0\n");
        assertEquals(rendered, EffectiveConfig.render(loader().load("effective.yaml", rendered), true));
    }

    @Test
    void effectiveConfigShowsDefaultsUnsetKeysAndDescriptions() {
        String rendered = EffectiveConfig.render(loader().load("test.yaml", "sample: {}"), true);

        assertContains(rendered, "  # instance name\n  name: braid\n");
        assertContains(rendered, "  listen: 0.0.0.0:51820\n");
        assertContains(rendered, "  keepalive: 25s\n");
        assertContains(rendered, "  mtu: 1420B\n");
        assertContains(rendered, "  max-rate: 100mbit\n");
        assertContains(rendered, "  limits:\n    buffer: 4MiB\n    queue: 256\n");
        assertContains(rendered, "  # password: (not set)\n");
        assertContains(rendered, "  ports: [1, 2]\n");
        // absent sections: defaults, commented out
        assertContains(rendered, "# section 'links' is absent; its defaults:\n# links: []\n");
        assertContains(rendered, "# section 'other' is absent; its defaults:\n# other:\n#   # server: (not set)\n");
        ConfigDocument again = loader().load("effective.yaml", rendered);
        assertFalse(again.isPresent("other"));
        assertEquals(rendered, EffectiveConfig.render(again, true));
    }

    @Test
    void effectiveConfigQuotesStringsThatWouldReadAsSomethingElse() {
        SampleConfig sample = new SampleConfig();
        sample.setName("null");
        sample.setTags(List.of("true", "123", "a: b", "#x", "-", "[x]", "tab\there", "quote\"", "*", "ok"));

        String rendered = EffectiveConfig.renderSection("sample", sample);
        SampleConfig back = loader().load("r.yaml", rendered).section("sample", SampleConfig.class);

        assertEquals("null", back.getName());
        assertEquals(sample.getTags(), back.getTags());
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("braid.yaml");
        Files.writeString(file, "sample:\n  port: 7\n");
        assertEquals(7, loader().load(file).section("sample", SampleConfig.class).getPort());

        Files.writeString(file, "sample:\n  port: x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader().load(file));
        assertEquals(file + ":2: sample.port: expected an integer, got 'x'", e.getMessage());

        Path missing = dir.resolve("missing.yaml");
        ConfigException unreadable = assertThrows(ConfigException.class, () -> loader().load(missing));
        assertTrue(unreadable.getMessage().startsWith(missing + ": cannot read: "), unreadable.getMessage());
    }

    @Test
    void sectionLookupChecksTheRegisteredClass() {
        ConfigDocument document = loader().load("test.yaml", "");

        assertThrows(IllegalArgumentException.class, () -> document.section("nope", SampleConfig.class));
        assertThrows(IllegalArgumentException.class, () -> document.section("sample", OtherConfig.class));
        assertThrows(IllegalArgumentException.class, () -> document.section("links", LinkConfig.class));
    }

    @Test
    void rejectsASectionClaimedTwiceByDifferentClasses() {
        ConfigLoader loader = loader().register("sample", SampleConfig.class);

        assertThrows(IllegalArgumentException.class, () -> loader.register("sample", OtherConfig.class));
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected <" + part + "> in:\n" + text);
    }
}
