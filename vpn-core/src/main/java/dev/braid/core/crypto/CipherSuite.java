package dev.braid.core.crypto;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Data-path protection chosen at login. {@link #NONE} sends data in clear but still authenticates
 * control packets (with ChaCha20-Poly1305 in authenticated-only mode).
 */
public enum CipherSuite {
    NONE("none", 0, Long.MAX_VALUE),
    CHACHA20_POLY1305("chacha20-poly1305", 1, 1L << 32),
    AES_256_GCM("aes-256-gcm", 2, 1L << 22);

    private final String configName;
    private final int wireCode;
    private final long defaultPacketsPerKey;

    CipherSuite(String configName, int wireCode, long defaultPacketsPerKey) {
        this.configName = configName;
        this.wireCode = wireCode;
        this.defaultPacketsPerKey = defaultPacketsPerKey;
    }

    /** Name used in config files and on the command line. */
    public String configName() {
        return configName;
    }

    /** Code carried in the login messages (u8). */
    public int wireCode() {
        return wireCode;
    }

    /** Packets sent under one key before rotating (RFC 9001 §6.6 style limits, with margin). */
    public long defaultPacketsPerKey() {
        return defaultPacketsPerKey;
    }

    public boolean encrypts() {
        return this != NONE;
    }

    /**
     * A new AEAD bound to {@code key}. NONE authenticates with AES-GCM's tag (GMAC), the cheapest
     * authenticator on CPUs with AES instructions.
     */
    public Aead newAead(byte[] key) {
        return this == CHACHA20_POLY1305 ? new ChaCha20Poly1305Aead(key) : new AesGcmAead(key);
    }

    /**
     * @throws IllegalArgumentException listing the known names
     */
    public static CipherSuite fromConfigName(String name) {
        for (CipherSuite suite : values()) {
            if (suite.configName.equals(name)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown cipher suite '" + name + "', known: "
                + Arrays.stream(values()).map(CipherSuite::configName).collect(Collectors.joining(", ")));
    }

    /** @return the suite, or null for an unknown code */
    public static CipherSuite fromWireCode(int code) {
        for (CipherSuite suite : values()) {
            if (suite.wireCode == code) {
                return suite;
            }
        }
        return null;
    }
}
