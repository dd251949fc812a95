package dev.braid.testbed.bench.realtime;

/** One arrival at the probe's receiver (a duplicate is a second sample of the same seq). */
public record ProbeSample(int seq, long sentNanos, long receivedNanos) {
    public double delayMs() {
        return (receivedNanos - sentNanos) / 1e6;
    }
}
