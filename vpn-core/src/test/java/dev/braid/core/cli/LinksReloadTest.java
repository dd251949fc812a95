package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.config.ConfigDocument;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a reload may do to the client's links: add and remove by name, change how a kept one is used, not its socket. */
class LinksReloadTest {
    private static final String CLIENT = "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n";
    private static final String WIRED = "links:\n  - name: wired\n    interface: eth0\n";

    private final LinksReload links = new LinksReload(null, document(WIRED)); // check() never reaches the client

    @Test
    void addingOrRemovingLinksByNamePassesTheCheck() {
        assertEquals(Optional.empty(), links.check(document(WIRED + "  - name: lte\n    interface: wwan0\n")));
        assertEquals(Optional.empty(), links.check(document("links:\n  - name: lte\n    interface: wwan0\n")));
    }

    @Test
    void aKeptLinkWhoseSettingsChangedIsRefusedByName() {
        assertEquals(Optional.of("links: link wired's interface, local-address or proxy cannot change at run time"
                + " (remove it in one reload and add it back in the next, or restart braid client)"),
                links.check(document(WIRED.replace("eth0", "eth1"))));
    }

    @Test
    void aKeptLinksPriorityRateAndCapMayChange() {
        assertEquals(Optional.empty(), links.check(document(WIRED + "    priority: backup\n    max-rate: 5mbit\n"
                + "    data-cap: 1GB\n    data-cap-period: day\n")));
    }

    @Test
    void aSwitchToAutoIsRefused() {
        assertEquals(Optional.of("links: a switch to or from 'links: auto' cannot change at run time (restart braid"
                + " client to apply it)"), links.check(document("links: auto\n")));
    }

    private static ConfigDocument document(String links) {
        return new Bootstrap().configLoader().load("client.yaml", CLIENT + links);
    }
}
