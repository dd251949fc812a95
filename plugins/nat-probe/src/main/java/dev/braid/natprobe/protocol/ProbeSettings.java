package dev.braid.natprobe.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Timing of probes and path validation, in nanoseconds.
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
 * @param downProbeNanos      probe spacing while down, so the link comes back by itself
 * @param pathRetryNanos      path challenge re-send interval, also the minimum spacing of challenges
 * @param pathMaxAttempts     challenges sent to one new address before giving up
 */
public record ProbeSettings(
        boolean idleProbing,
        long idleIntervalNanos,
        long trafficCheckNanos,
        long suspectAfterNanos,
        long fastIntervalNanos,
        int downAfterMissed,
        long downProbeNanos,
        long pathRetryNanos,
        int pathMaxAttempts) {

    public ProbeSettings {
        List<String> problems = new ArrayList<>();
        positive(problems, "idle interval", idleIntervalNanos);
        positive(problems, "traffic check interval", trafficCheckNanos);
        positive(problems, "suspect-after", suspectAfterNanos);
        positive(problems, "fast interval", fastIntervalNanos);
        positive(problems, "down probe interval", downProbeNanos);
        positive(problems, "path retry interval", pathRetryNanos);
        if (downAfterMissed < 1) {
            problems.add("down-after-missed must be at least 1, is " + downAfterMissed);
        }
        if (pathMaxAttempts < 1) {
            problems.add("path max attempts must be at least 1, is " + pathMaxAttempts);
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
