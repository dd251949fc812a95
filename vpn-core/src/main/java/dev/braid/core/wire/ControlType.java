package dev.braid.core.wire;

/**
 * First byte of a CONTROL message body. Codes below 0x20 belong to the core; plugins register
 * their own codes (0x20-0xff) through {@code DataPathFactory.controlTypes()} and
 * {@code SessionExtensionFactory.controlTypes()}; a code claimed twice fails the session start.
 */
public final class ControlType {
    /** Client -> proxy on a new link: "add this link to my session". Authenticated like all control. */
    public static final int JOIN = 0x01;
    /** Proxy -> client: the JOIN was accepted. */
    public static final int JOIN_ACK = 0x02;
    /** Either side: the session ends now. */
    public static final int CLOSE = 0x03;
    /** Either side: keep the session alive when no data flows. */
    public static final int KEEPALIVE = 0x04;
    /** Client -> proxy on a link whose interface went away: remove this link from the session. */
    public static final int LEAVE = 0x05;
    /** Proxy -> a link's new, unproven address: 8 random bytes to echo (RFC 9000 section 8.2). */
    public static final int PATH_CHALLENGE = 0x06;
    /** Client -> proxy on the challenged link: the challenge's 8 bytes. */
    public static final int PATH_RESPONSE = 0x07;
    /** Client -> proxy: a path MTU probe padded to its size (docs/protocol.md, "Path MTU"). */
    public static final int PMTU_PROBE = 0x08;
    /** Proxy -> client on the probed link: size and id of the probe, 6 bytes. */
    public static final int PMTU_ACK = 0x09;
    /** Client -> proxy: a link's path MTU; the proxy echoes it unchanged. */
    public static final int PMTU_REPORT = 0x0a;

    public static final int FIRST_PLUGIN_CODE = 0x20;

    private ControlType() {}
}
