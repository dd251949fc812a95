package dev.braid.core.login;

import dev.braid.core.crypto.SessionKeys;

/** A successful client login: keys shared with the proxy and what the proxy granted. */
public record LoginResult(String username, SessionKeys keys, SessionParameters parameters) {
}
