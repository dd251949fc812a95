package dev.braid.testbed.bench.realtime;

import dev.braid.testbed.bench.path.PathProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the VoIP-like flow meets, each way: nothing else, a bulk TCP flow beside it, 2 % loss on every link, a cut. */
public enum RealtimeScenario {
    IDLE("idle", 0),
    BULK("bulk", 0),
    LOSS("loss-2", 2),
    CUT("cut", 0);

    private final String label;
    private final double linkLossPercent;

    RealtimeScenario(String label, double linkLossPercent) {
        this.label = label;
        this.linkLossPercent = linkLossPercent;
    }

    public String label() {
        return label;
    }

    /** The world this scenario runs in: issue 15's two links, lossy for {@link #LOSS}. */
    public PathProfile profile() {
        return PathProfile.realtime(linkLossPercent);
    }

    /** A cut of the only link says nothing about a VPN: plain IP (and one-link Braid) skip it. */
    boolean needsTwoLinks() {
        return this == CUT;
    }

    public static RealtimeScenario parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label.equals(t)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("scenario '" + text + "' is none of " + labels()));
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(RealtimeScenario::label).toList();
    }
}
