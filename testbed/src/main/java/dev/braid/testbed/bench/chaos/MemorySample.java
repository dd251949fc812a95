package dev.braid.testbed.bench.chaos;

/** Resident memory and threads of one Braid process (instance: "client 1", "proxy 2" ...) at a time of the run. */
public record MemorySample(String instance, double atSeconds, long rssKiB, int threads) {
}
