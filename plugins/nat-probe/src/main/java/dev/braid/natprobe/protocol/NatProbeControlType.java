package dev.braid.natprobe.protocol;

import java.util.Set;

/**
 * CONTROL codes of the nat-probe plugin (the plugin range 0x30-0x3f is reserved for it). Layouts
 * of the bodies are in {@link NatProbeCodec} and {@code docs/protocol-natprobe.md}.
 */
public final class NatProbeControlType {
    /** Liveness and keepalive probe: either side, answered with {@link #PROBE_REPLY}. */
    public static final int PROBE = 0x30;
    /** Echo of a probe plus the source address the answering side saw. */
    public static final int PROBE_REPLY = 0x31;
    /** Proxy -> new client address: prove you are there (8 random bytes). */
    public static final int PATH_CHALLENGE = 0x32;
    /** Client -> proxy: the challenge's bytes echoed, sent on the same link. */
    public static final int PATH_RESPONSE = 0x33;

    public static final Set<Integer> ALL = Set.of(PROBE, PROBE_REPLY, PATH_CHALLENGE, PATH_RESPONSE);

    private NatProbeControlType() {}
}
