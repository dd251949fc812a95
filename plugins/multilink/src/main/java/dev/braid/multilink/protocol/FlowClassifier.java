package dev.braid.multilink.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * Gives each flow slot of a {@link FlowTable} its {@link FlowClass}, packet by packet:
 *
 * <ol>
 *   <li>{@link ClassifyMode#OFF}: bulk.
 *   <li>Config rules in order, first match wins (re-checked when the flow's DSCP changes, the only
 *       rule input that varies within one flow). {@link ClassifyMode#RULES_ONLY} stops here: bulk.
 *   <li>A DSCP mark of {@link Dscp#AUTO_REALTIME_MASK}: realtime whatever its rate; the mark is
 *       the sender's explicit request (an operator who distrusts marks writes a rule before it).
 *   <li>UDP by size and rate: realtime while its mean size is &lt;= small and, once it has
 *       {@link FlowSettings#minPackets()} packets, its rate &lt;= low; bulk again when it grows (rate &gt; low x
 *       grow factor, or mean &gt; small); back to realtime only after the hold-down spent below
 *       both thresholds, so a flow near a threshold does not flap between the paths.
 * </ol>
 *
 * Per-slot state in arrays the table sizes ({@link #resize}); nothing is allocated per packet.
 */
public final class FlowClassifier {
    private static final byte NO_RULE = -1;
    private static final long NOT_BELOW = Long.MIN_VALUE;
    private static final int UDP = 17;

    private final ClassifyMode mode;
    private final List<FlowRule> rules;
    private final double smallPacketBytes;
    private final double lowRateBytesPerSecond;
    private final double growRateBytesPerSecond;
    private final long holdDownNanos;
    private final int minPackets;

    private boolean[] realtime = new boolean[0];
    private byte[] ruleClass = new byte[0];
    /** DSCP the rules were last checked with; -1 before the first packet. */
    private byte[] rulesCheckedDscp = new byte[0];
    /** Moved to bulk because it grew: returns only after the hold-down. */
    private boolean[] demoted = new boolean[0];
    private long[] belowSinceNanos = new long[0];

    public FlowClassifier(FlowSettings settings, int slots) {
        this.mode = settings.classifyMode();
        this.rules = settings.rules();
        this.smallPacketBytes = settings.smallPacketBytes();
        this.lowRateBytesPerSecond = settings.lowRateBitsPerSecond() / 8.0;
        this.growRateBytesPerSecond = lowRateBytesPerSecond * settings.growFactor();
        this.holdDownNanos = settings.holdDownNanos();
        this.minPackets = settings.minPackets();
        resize(slots);
    }

    /** Keeps slots {@code 0..min(old, slots)-1}; new slots start as {@link #reset} leaves them. */
    public void resize(int slots) {
        int old = realtime.length;
        realtime = Arrays.copyOf(realtime, slots);
        ruleClass = Arrays.copyOf(ruleClass, slots);
        rulesCheckedDscp = Arrays.copyOf(rulesCheckedDscp, slots);
        demoted = Arrays.copyOf(demoted, slots);
        belowSinceNanos = Arrays.copyOf(belowSinceNanos, slots);
        for (int slot = old; slot < slots; slot++) {
            reset(slot);
        }
    }

    /** Forgets the slot's flow: the next flow in it starts bulk, without evidence. */
    public void reset(int slot) {
        realtime[slot] = false;
        ruleClass[slot] = NO_RULE;
        rulesCheckedDscp[slot] = -1;
        demoted[slot] = false;
        belowSinceNanos[slot] = NOT_BELOW;
    }

    public boolean realtime(int slot) {
        return realtime[slot];
    }

    /**
     * Classifies the slot's flow after one more packet.
     *
     * @param facts               the packet (its DSCP may differ from the flow's earlier packets)
     * @param packets             the flow's packets so far, this one included
     * @param rateBytesPerSecond  the flow's recent rate
     * @param meanPacketBytes     the flow's recent mean packet size
     * @return whether the flow is realtime now
     */
    public boolean classify(int slot, long nowNanos, PacketFacts facts, long packets, double rateBytesPerSecond,
                            double meanPacketBytes) {
        if (mode == ClassifyMode.OFF) {
            return false;
        }
        if (rulesCheckedDscp[slot] != facts.dscp()) {
            rulesCheckedDscp[slot] = (byte) facts.dscp();
            ruleClass[slot] = firstMatchingRule(facts);
        }
        if (ruleClass[slot] != NO_RULE) {
            return realtime[slot] = ruleClass[slot] == FlowClass.REALTIME.ordinal();
        }
        if (mode == ClassifyMode.RULES_ONLY) {
            return realtime[slot] = false;
        }
        if ((Dscp.AUTO_REALTIME_MASK & Dscp.bit(facts.dscp())) != 0) {
            return realtime[slot] = true;
        }
        if (facts.protocol() != UDP || facts.malformed()) {
            return realtime[slot] = false;
        }
        return realtime[slot] = bySizeAndRate(slot, nowNanos, packets, rateBytesPerSecond, meanPacketBytes);
    }

    private boolean bySizeAndRate(int slot, long nowNanos, long packets, double rate, double meanSize) {
        // The rate counts from minPackets packets on (5 by default: 4 intervals to go on); before,
        // size alone decides, so a call's first packets take the fast path instead of queueing
        // behind bulk (where they were lost beside a bulk flow), and a burst at the start of a
        // flow does not demote it on a rate read from two packets.
        boolean rateKnown = packets >= minPackets;
        if (realtime[slot]) {
            if (meanSize > smallPacketBytes || (rateKnown && rate > growRateBytesPerSecond)) {
                demoted[slot] = true;
                belowSinceNanos[slot] = NOT_BELOW;
                return false;
            }
            return true;
        }
        boolean below = meanSize <= smallPacketBytes && (!rateKnown || rate <= lowRateBytesPerSecond);
        if (!below) {
            belowSinceNanos[slot] = NOT_BELOW;
            return false;
        }
        if (!demoted[slot]) {
            return true;
        }
        if (belowSinceNanos[slot] == NOT_BELOW) {
            belowSinceNanos[slot] = nowNanos;
        }
        if (nowNanos - belowSinceNanos[slot] < holdDownNanos) {
            return false;
        }
        demoted[slot] = false;
        belowSinceNanos[slot] = NOT_BELOW;
        return true;
    }

    private byte firstMatchingRule(PacketFacts facts) {
        for (int i = 0; i < rules.size(); i++) {
            FlowRule rule = rules.get(i);
            if (rule.matches(facts)) {
                return (byte) rule.flowClass().ordinal();
            }
        }
        return NO_RULE;
    }
}
