package dev.braid.core.login;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.SessionKeys;
import java.net.Inet4Address;

/** A login the proxy accepted: everything needed to create the session. */
public record EstablishedLogin(String username, String sourceKey, SessionKeys keys, SessionParameters parameters) {

    public int sessionId() {
        return parameters.sessionId();
    }

    public CipherSuite suite() {
        return parameters.suite();
    }

    public String dataPath() {
        return parameters.dataPath();
    }

    public Inet4Address virtualAddress() {
        return parameters.virtualAddress();
    }
}
