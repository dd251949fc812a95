package dev.braid.core.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keys derived from one login. Each direction has its own key so the per-link counters of the two
 * sides never produce the same nonce under the same key. All keys are 32 bytes; getters return copies.
 */
public final class SessionKeys {

    public static final int KEY_LENGTH = 32;

    private final byte[] clientToServer;
    private final byte[] serverToClient;
    private final byte[] confirmation;
    private final byte[] join;

    /**
     * @param clientToServer key for packets sent by the client
     * @param serverToClient key for packets sent by the proxy
     * @param confirmation   MAC key of the proxy's ACCEPT message
     * @param join           key proving knowledge of the session when further links join it
     */
    public SessionKeys(byte[] clientToServer, byte[] serverToClient, byte[] confirmation, byte[] join) {
        this.clientToServer = checked(clientToServer, "clientToServer");
        this.serverToClient = checked(serverToClient, "serverToClient");
        this.confirmation = checked(confirmation, "confirmation");
        this.join = checked(join, "join");
    }

    private static byte[] checked(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(name + " key must be " + KEY_LENGTH + " bytes");
        }
        return key.clone();
    }

    public byte[] clientToServer() {
        return clientToServer.clone();
    }

    public byte[] serverToClient() {
        return serverToClient.clone();
    }

    public byte[] confirmation() {
        return confirmation.clone();
    }

    public byte[] join() {
        return join.clone();
    }

    /** The key this side sends with. */
    public byte[] sendKey(boolean isClient) {
        return isClient ? clientToServer() : serverToClient();
    }

    /** The key this side receives with. */
    public byte[] receiveKey(boolean isClient) {
        return isClient ? serverToClient() : clientToServer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKeys other
                && MessageDigest.isEqual(clientToServer, other.clientToServer)
                && MessageDigest.isEqual(serverToClient, other.serverToClient)
                && MessageDigest.isEqual(confirmation, other.confirmation)
                && MessageDigest.isEqual(join, other.join);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(clientToServer);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SessionKeys[redacted]";
    }
}
