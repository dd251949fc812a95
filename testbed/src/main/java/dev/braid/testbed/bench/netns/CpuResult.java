package dev.braid.testbed.bench.netns;

/**
 * One measured window of {@code bench cpu}: what the tunnel delivered and what its two ends
 * (Braid's client and proxy, or the two wireguard-go daemons) used meanwhile.
 *
 * @param mode          tcp, udp or idle (keepalives only)
 * @param mbit          delivered inner goodput (iperf3's receiver), NaN when idle
 * @param packetsPerSecond delivered inner packets per second (UDP datagrams), NaN otherwise
 */
record CpuResult(String variant, double rateMbit, String mode, String direction, int run, double mbit,
                 double packetsPerSecond, double clientCores, double proxyCores, ProcessUsage client,
                 ProcessUsage proxy) {

    double totalCores() {
        return clientCores + proxyCores;
    }

    /** Percent of one core, both ends together, per delivered Mbit/s. */
    double percentCorePerMbit() {
        return 100 * totalCores() / mbit;
    }

    /** Microseconds of CPU, both ends together, per delivered packet (UDP). */
    double microsPerPacket() {
        return 1e6 * totalCores() / packetsPerSecond;
    }

    /** The rows this one is compared with: same variant, rate, mode and direction, any run. */
    String group() {
        return variant + " " + TcpScenario.fmt(rateMbit) + " " + mode + " " + direction;
    }
}
