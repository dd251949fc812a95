package dev.braid.core.login;

import dev.braid.core.crypto.CipherSuite;
import java.time.Duration;
import java.util.Objects;

/**
 * Client login settings.
 *
 * @param suite               requested packet protection
 * @param dataPath            requested data path, e.g. "single" or "multilink"
 * @param initialRetransmit   first retransmission delay; doubles on each retry
 * @param maxSends            sends of one message (first + retransmissions) before giving up
 * @param maxArgon2MemoryKiB  refuse challenges demanding more memory (a hostile proxy could ask for GiBs)
 */
public record ClientLoginOptions(CipherSuite suite, String dataPath, Duration initialRetransmit, int maxSends,
                                 int maxArgon2MemoryKiB) {

    public ClientLoginOptions {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(dataPath, "dataPath");
        if (dataPath.isEmpty() || dataPath.length() > LoginMessages.MAX_DATA_PATH_BYTES
                || !dataPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("data path must be 1.." + LoginMessages.MAX_DATA_PATH_BYTES
                    + " printable ASCII characters: '" + dataPath + "'");
        }
        if (initialRetransmit.isNegative() || initialRetransmit.isZero()) {
            throw new IllegalArgumentException("initialRetransmit must be positive");
        }
        if (maxSends < 1) {
            throw new IllegalArgumentException("maxSends must be >= 1");
        }
    }

    /** 1 s first retransmit, doubling, 5 sends (gives up after 31 s without answer), Argon2 up to 1 GiB. */
    public static ClientLoginOptions defaults(CipherSuite suite, String dataPath) {
        return new ClientLoginOptions(suite, dataPath, Duration.ofSeconds(1), 5, 1024 * 1024);
    }
}
