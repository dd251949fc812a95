package dev.braid.testbed.bench.sessions;

import dev.braid.core.net.KernelUdpErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one {@code bench sessions} run measured, filled in phase by phase: a failed phase leaves
 * its figures NaN (or -1) and says why in {@link #error}, and the report still shows the rest.
 */
final class SessionsFigures {
    int count;
    int active;
    int links;
    long rateBitsPerSecond;
    int packetBytes;
    int keepaliveSeconds;
    double loadBefore = Double.NaN;
    double loadAfter = Double.NaN;

    long emptyRssKiB = -1;
    long emptyHeapKiB = -1;
    long loadedRssKiB = -1;
    long loadedHeapKiB = -1;

    int coldOk;
    int coldFailedLogins;
    double coldSeconds = Double.NaN;
    /** How long starting the clients took (binding their sockets); logins run meanwhile. */
    double coldStartSeconds = Double.NaN;
    /** Seconds from the start of the cold start to each session's login, sorted; sessions that never logged in left out. */
    double[] coldTimes = new double[0];

    /** CPU while all logged in at the cold start (who limits the login rate). */
    CpuWindow.Usage coldCpu = CpuWindow.Usage.NONE;
    /** The proxy's logins per second, from its log's accept times (first to last). */
    double coldProxyAcceptRate = Double.NaN;
    /** The proxy's non-zero drop counters after the cold start (login queue full, HELLOs rate-limited, ...). */
    Map<String, Long> coldProxyDrops = Map.of();

    double idleSeconds = Double.NaN;
    double idleProxyCpuPercent = Double.NaN;
    double idleGeneratorCpuPercent = Double.NaN;
    long upAfterIdle = -1;
    /** Sessions the proxy's status lists after the idle window. */
    long proxySessionsAfterIdle = -1;

    final List<EchoTraffic.Result> activeSessions = new ArrayList<>();
    double trafficProxyCpuPercent = Double.NaN;
    double trafficGeneratorCpuPercent = Double.NaN;
    /** What the proxy's drop counters grew by while the active sessions sent. */
    Map<String, Long> trafficProxyDrops = Map.of();
    /** What the active sessions' clients counted as dropped meanwhile. */
    Map<String, Long> trafficClientDrops = Map.of();

    double proxyStartSeconds = Double.NaN;
    int backOk;
    int backFailedLogins;
    double backSeconds = Double.NaN;
    /** Seconds from the kill of the proxy until each session had a new one, sorted. */
    double[] backTimes = new double[0];
    double restartProxyAcceptRate = Double.NaN;
    /** CPU from the kill until all were back (the new proxy's from its start). */
    CpuWindow.Usage restartCpu = CpuWindow.Usage.NONE;
    /** The new proxy's non-zero drop counters once every session is back. */
    Map<String, Long> restartProxyDrops = Map.of();

    /** What the kernel lost of UDP in each namespace over the whole run (UDP hides failed sends from the sender); null before read. */
    KernelUdpErrors proxyKernelUdp;
    KernelUdpErrors generatorKernelUdp;

    /** Netty leak reports in the generator's and proxies' logs. */
    int leakReports;

    String error;

    /** KiB of proxy RSS per session above the empty proxy's; NaN before both were measured. */
    double rssPerSessionKiB() {
        return perSession(loadedRssKiB, emptyRssKiB);
    }

    double heapPerSessionKiB() {
        return perSession(loadedHeapKiB, emptyHeapKiB);
    }

    private double perSession(long loaded, long empty) {
        return loaded < 0 || empty < 0 || coldOk == 0 ? Double.NaN : (double) (loaded - empty) / coldOk;
    }

    /** Logins per second of the cold start: every session that made it, over the time until the last did. */
    double coldLoginsPerSecond() {
        return coldTimes.length == 0 ? Double.NaN : coldTimes.length / coldTimes[coldTimes.length - 1];
    }

    /**
     * Logins per second after the restart: the sessions back, over the time from the first to the
     * last of them (the wait until clients notice the restart left out).
     */
    double restartLoginsPerSecond() {
        if (backTimes.length < 2) {
            return Double.NaN;
        }
        double span = backTimes[backTimes.length - 1] - backTimes[0];
        return span <= 0 ? Double.NaN : backTimes.length / span;
    }

    /** Seconds from the kill until the first session was back (the clients noticing the new proxy). */
    double firstBackSeconds() {
        return backTimes.length == 0 ? Double.NaN : backTimes[0];
    }

    static double[] sortedTimes(List<String> lines) {
        return lines.stream().filter(line -> !line.isBlank()).mapToDouble(Double::parseDouble).sorted().toArray();
    }

    double activeMeanMbit() {
        return activeSessions.stream().mapToDouble(EchoTraffic.Result::receivedMbit).average()
                .orElse(Double.NaN);
    }

    double activeMinMbit() {
        return activeSessions.stream().mapToDouble(EchoTraffic.Result::receivedMbit).min()
                .orElse(Double.NaN);
    }

    long activeSent() {
        return activeSessions.stream().mapToLong(EchoTraffic.Result::sent).sum();
    }

    long activeReceived() {
        return activeSessions.stream().mapToLong(EchoTraffic.Result::received).sum();
    }

    long activeSkipped() {
        return activeSessions.stream().mapToLong(EchoTraffic.Result::skipped).sum();
    }

    double activeLossPercent() {
        long sent = activeSent();
        return sent == 0 ? Double.NaN : 100.0 * Math.max(0, sent - activeReceived()) / sent;
    }
}
