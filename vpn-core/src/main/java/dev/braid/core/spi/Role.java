package dev.braid.core.spi;

/** Which end of the tunnel this process is. Both ends run the same session code. */
public enum Role {
    CLIENT,
    PROXY
}
