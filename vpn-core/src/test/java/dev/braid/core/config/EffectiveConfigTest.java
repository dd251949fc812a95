package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the startup log shows at info: only what the file changed, in the file's own syntax. */
class EffectiveConfigTest {
    private static final List<String> SAMPLE_AND_LINKS = List.of("sample", "links");

    @Test
    void changedKeysAreTheOnesThatDifferFromTheDefaultsInConfigSyntax() {
        ConfigDocument document = ConfigLoaderTest.loader().load("test.yaml", """
                sample:
                  name: braid
                  keepalive: 15s
                  mtu: 9000
                  max-rate: 20Mbit/s
                  limits:
                    buffer: 64KiB
                  links:
                    - name: wifi
                      interface: wlan0
                links:
                  - name: top
                    interface: eth0
                """);
        assertEquals("""
                sample:
                  keepalive: 15s
                  limits:
                    buffer: 64KiB
                  links:
                    - interface: wlan0
                      name: wifi
                  max-rate: 20mbit
                  mtu: 9kB
                links:
                  - interface: eth0
                    name: top
                """, EffectiveConfig.render(document, SAMPLE_AND_LINKS, EffectiveConfig.Detail.CHANGED_KEYS));
    }

    @Test
    void aSectionAtItsDefaultsIsShownEmpty() {
        ConfigDocument document = ConfigLoaderTest.loader().load("test.yaml", "sample: {}\n");
        assertEquals("sample: {}\nlinks: []\n",
                EffectiveConfig.render(document, SAMPLE_AND_LINKS, EffectiveConfig.Detail.CHANGED_KEYS));
    }

    @Test
    void onlyTheNamedSectionsAreRendered() {
        ConfigDocument document = ConfigLoaderTest.loader().load("test.yaml", "sample: {}\n");
        String all = EffectiveConfig.render(document, List.of("sample"), EffectiveConfig.Detail.ALL_KEYS);
        assertEquals(false, all.contains("other"), all);
        assertEquals(true, all.contains("keepalive: 25s\n"), all);
    }
}
