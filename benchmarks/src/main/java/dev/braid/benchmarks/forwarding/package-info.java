/**
 * Forwarding cost: a real proxy and client in one JVM over one unshaped loopback UDP link with
 * in-memory TUNs; packets/s, Gbit/s and CPU per packet through the tunnel, per cipher suite and
 * data path, side by side in one run. Entry point: {@link dev.braid.benchmarks.forwarding.ForwardingBench}.
 */
package dev.braid.benchmarks.forwarding;
