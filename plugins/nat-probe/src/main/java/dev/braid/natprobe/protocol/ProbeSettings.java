package dev.braid.natprobe.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Timing of probes, in nanoseconds.
 *
 * <p>A dead link carrying traffic is declared down no sooner than {@code suspectAfter +
 * downAfterMissed * fastInterval} after the last thing it received, and at most about one traffic
 * check (plus one gap between sent packets) later; on a path whose {@code 2 * srtt} exceeds the
 * fast interval the last missed probe waits {@code 2 * srtt} instead.
 *
 * @param idleProbing         false on the proxy: keepalives come from the client (RFC 4787 REQ-6)
 * @param idleIntervalNanos   probe when nothing left the link for this long (keeps NAT mappings open)
 * @param trafficCheckNanos   how often the link's send counter is looked at
 * @param suspectAfterNanos   sent traffic unanswered this long starts fast probing
 * @param fastIntervalNanos   probe spacing while suspect
 * @param downAfterMissed     missed fast probes that mark the link down
 * @param downProbeNanos      first probe spacing while down, so the link comes back by itself
 * @param downProbeMaxNanos   the spacing doubles after every unanswered probe while down, up to this
 */
public record ProbeSettings(
        boolean idleProbing,
        long idleIntervalNanos,
        long trafficCheckNanos,
        long suspectAfterNanos,
        long fastIntervalNanos,
        int downAfterMissed,
        long downProbeNanos,
        long downProbeMaxNanos) {

    public ProbeSettings {
        List<String> problems = new ArrayList<>();
        positive(problems, "idle interval", idleIntervalNanos);
        positive(problems, "traffic check interval", trafficCheckNanos);
        positive(problems, "suspect-after", suspectAfterNanos);
        positive(problems, "fast interval", fastIntervalNanos);
        positive(problems, "down probe interval", downProbeNanos);
        if (downProbeMaxNanos < downProbeNanos) {
            problems.add("down probe cap must be at least the down probe interval, is " + downProbeMaxNanos + " ns");
        }
        if (downAfterMissed < 1) {
            problems.add("down-after-missed must be at least 1, is " + downAfterMissed);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String what, long nanos) {
        if (nanos <= 0) {
            problems.add(what + " must be positive, is " + nanos + " ns");
        }
    }
}
