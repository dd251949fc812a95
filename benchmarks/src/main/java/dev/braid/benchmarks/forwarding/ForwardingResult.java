package dev.braid.benchmarks.forwarding;

import dev.braid.core.crypto.CipherSuite;

/**
 * One measured combination.
 *
 * @param delivered        packets that came out of the proxy's TUN during the measured time
 * @param seconds          measured wall time
 * @param processCpuNanos  CPU time of the whole JVM in that time (all threads, GC and JIT included)
 * @param generatorCpuNanos CPU time of the load generator thread in that time (not the tunnel's)
 * @param stalls           times the generator saw no delivery for {@link LoadGenerator#STALL_MILLIS}
 *                         ms and assumed its in-flight packets lost
 * @param proxyDrops       packets the proxy dropped (any reason) during the whole run
 */
public record ForwardingResult(String dataPath, CipherSuite suite, int size, long delivered, double seconds,
                        long processCpuNanos, long generatorCpuNanos, long stalls, long proxyDrops) {

    public double packetsPerSecond() {
        return delivered / seconds;
    }

    /** Inner (IP packet) bits per second, in Gbit/s. */
    public double gbitPerSecond() {
        return packetsPerSecond() * size * 8 / 1e9;
    }

    /** CPU of the tunnel (proxy and client threads, GC, JIT; without the generator) per packet, µs. */
    public double tunnelCpuMicrosPerPacket() {
        return delivered == 0 ? Double.NaN : (processCpuNanos - generatorCpuNanos) / 1e3 / delivered;
    }

    /** All CPU of the JVM per packet, µs. */
    public double processCpuMicrosPerPacket() {
        return delivered == 0 ? Double.NaN : processCpuNanos / 1e3 / delivered;
    }

    /** Average number of cores the JVM kept busy. */
    public double coresBusy() {
        return processCpuNanos / 1e9 / seconds;
    }
}
