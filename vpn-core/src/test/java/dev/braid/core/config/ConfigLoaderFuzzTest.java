package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.cli.Bootstrap;
import dev.braid.core.testing.ConfigFuzzDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz of the config loader with the core's sections (client, proxy, links, logging, metrics):
 * any document, from the shipped examples and the defaults with odd values to YAML bombs and
 * noise, loads or gives a {@link ConfigException} whose every error names the file and says
 * what is wrong; never another exception. What loads renders as the effective config.
 */
class ConfigLoaderFuzzTest {
    private final ConfigLoader loader = new Bootstrap().configLoader();

    @Property
    void anyDocumentLoadsOrGivesConfigErrors(@ForAll("documents") String yaml) {
        ConfigFuzzDocuments.assertLoadsOrExplains(loader, yaml);
    }

    @Example
    void aDocumentNestedThousandsDeepIsAConfigErrorNotAStackOverflow() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load("deep.yaml", "client: " + "{a: ".repeat(5000) + "}".repeat(5000) + "\n"));
        assertEquals("deep.yaml: YAML error: the document is nested too deeply to read (thousands of levels)",
                e.errors().get(0).toString());
    }

    /** SnakeYAML's reader split a surrogate pair across its 1024-character buffer and threw. */
    @Example
    void aCharacterOutsideTheBmpAtAnyOffsetLoads() {
        for (int offset = 1000; offset < 1050; offset++) {
            String comment = "#" + "x".repeat(offset - 1) + "\ud83d\ude00\n";
            ConfigDocument document = loader.load("emoji.yaml", comment + "logging:\n  level: info\n");
            assertTrue(document.isPresent("logging"), "offset " + offset);
        }
    }

    @Provide
    Arbitrary<String> documents() throws IOException {
        return ConfigFuzzDocuments.around(loader, List.of(Files.readString(Path.of("../config/client.yaml")),
                Files.readString(Path.of("../config/proxy.yaml"))));
    }
}
