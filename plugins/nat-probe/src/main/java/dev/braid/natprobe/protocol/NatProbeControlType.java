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
    // 0x32 and 0x33 were PATH_CHALLENGE and PATH_RESPONSE: path validation is the core's now
    // (ControlType.PATH_CHALLENGE), so every link is validated with or without this plugin.

    public static final Set<Integer> ALL = Set.of(PROBE, PROBE_REPLY);

    private NatProbeControlType() {}
}
