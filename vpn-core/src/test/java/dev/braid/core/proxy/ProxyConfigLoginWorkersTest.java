package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** login-workers: one per core unless set; read from the proxy section. */
class ProxyConfigLoginWorkersTest {

    private final ConfigLoader loader = new ConfigLoader().register("proxy", ProxyConfig.class);

    @Test
    void theDefaultIsOneWorkerPerCore() {
        ProxyConfig config = new ProxyConfig();
        assertEquals(0, config.getLoginWorkers());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.effectiveLoginWorkers());
    }

    @Test
    void theKeySetsTheWorkersAndANegativeCountIsRefused() {
        ProxyConfig config = loader.load("proxy.yaml", "proxy:\n  users: /u\n  login-workers: 3\n")
                .section("proxy", ProxyConfig.class);
        assertEquals(3, config.effectiveLoginWorkers());
        assertThrows(RuntimeException.class,
                () -> loader.load("proxy.yaml", "proxy:\n  users: /u\n  login-workers: -1\n"));
    }
}
