package dev.braid.multilink;

import dev.braid.core.cli.Bootstrap;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.testing.ConfigFuzzDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz of the config loader with the multilink section on the class path (scheduler, queue,
 * realtime rules with ports, DSCP and prefixes): any document loads or gives config errors that
 * say where and what, never another exception.
 */
class MultilinkConfigFuzzTest {
    private final ConfigLoader loader = new Bootstrap().configLoader();

    @Property
    void anyDocumentLoadsOrGivesConfigErrors(@ForAll("documents") String yaml) {
        ConfigFuzzDocuments.assertLoadsOrExplains(loader, yaml);
    }

    @Provide
    Arbitrary<String> documents() throws IOException {
        String client = Files.readString(Path.of("../../config/client.yaml"));
        // The example's commented-out keys, switched on: the realtime rules and queue settings.
        String uncommented = client.replaceAll("(?m)^  # ", "  ").replaceAll("(?m)^(\\s+)# ", "$1");
        return ConfigFuzzDocuments.around(loader, List.of(client, uncommented,
                Files.readString(Path.of("../../config/proxy.yaml"))));
    }
}
