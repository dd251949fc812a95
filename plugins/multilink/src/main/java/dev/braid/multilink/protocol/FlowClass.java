package dev.braid.multilink.protocol;

/** The latency class of an inner flow (config text: {@code bulk}, {@code realtime}). */
public enum FlowClass {
    /** Throughput first: today's scheduler, delay alignment and shared queue. */
    BULK,
    /** Delay first: calls, games, live streams. */
    REALTIME
}
