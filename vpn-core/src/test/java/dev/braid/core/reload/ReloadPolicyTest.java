package dev.braid.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.config.ConfigDocument;
import dev.braid.core.spi.ConfigReloader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reload takes the log level and refuses, naming them, keys fixed at start. */
class ReloadPolicyTest {
    @Test
    void theLogLevelReloads() {
        assertEquals(Optional.empty(), ReloadPolicy.refusal(List.of("logging.level"), "proxy"));
        assertEquals(Optional.empty(), ReloadPolicy.refusal(List.of(), "proxy"));
    }

    @Test
    void aFixedKeyIsNamedWithWhatToDo() {
        assertEquals(Optional.of("proxy.listen cannot change at run time (restart braid proxy to apply it; "
                        + "only logging.level and the users file reload)"),
                ReloadPolicy.refusal(List.of("logging.level", "proxy.listen"), "proxy"));
        assertEquals(Optional.of("client.tun-name, links cannot change at run time (restart braid client to apply them; "
                        + "only logging.level and the users file reload)"),
                ReloadPolicy.refusal(List.of("client.tun-name", "links"), "client"));
    }

    @Test
    void aPluginsReloadableKeysReloadAndAreListedInTheRefusal() {
        ConfigReloader probes = new ConfigReloader() {
            @Override
            public Set<String> keys() {
                return Set.of("nat-probe.idle-interval");
            }

            @Override
            public String what() {
                return "nat-probe's probe intervals";
            }

            @Override
            public String apply(ConfigDocument next) {
                return "";
            }
        };
        assertEquals(Optional.empty(), ReloadPolicy.refusal(List.of("nat-probe.idle-interval"), "client", List.of(probes)));
        assertEquals(Optional.of("nat-probe.proxy-liveness cannot change at run time (restart braid client to apply it; "
                        + "only logging.level, nat-probe's probe intervals and the users file reload)"),
                ReloadPolicy.refusal(List.of("nat-probe.idle-interval", "nat-probe.proxy-liveness"), "client", List.of(probes)));
    }

    @Test
    void theResultTextSaysWhatChangedOrThatNothingDid() {
        assertEquals("reloaded: nothing changed", ReloadResult.applied(List.of()).text());
        assertEquals("reloaded: logging.level info -> debug; users: removed alice (1 session ended)",
                ReloadResult.applied(List.of("logging.level info -> debug", "users: removed alice (1 session ended)")).text());
        assertEquals("reload refused: proxy.mtu cannot change; the running state is unchanged",
                ReloadResult.refused("proxy.mtu cannot change").text());
    }
}
