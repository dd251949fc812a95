package dev.braid.testbed.bench.netns;

/**
 * One tunnel's throughput in the Braid-vs-WireGuard benchmark.
 *
 * @param tunnel          e.g. "braid none", "wireguard-go"
 * @param tcpMbit         iperf3 TCP goodput at the receiver (NaN when the run failed)
 * @param udpMbit         iperf3 UDP rate received
 * @param udpLossPercent  UDP datagrams lost at the offered rate
 */
public record TunnelResult(String tunnel, double tcpMbit, long tcpRetransmits, double udpMbit, double udpLossPercent) {

    static TunnelResult failed(String tunnel) {
        return new TunnelResult(tunnel, Double.NaN, 0, Double.NaN, Double.NaN);
    }
}
