/**
 * JMH micro-benchmarks of Braid's per-packet hot paths: codecs, schedulers, the receiver and
 * resequencer, CCID2, the sender-wide queue (FQ-CoDel against a FIFO) and packet protection.
 * State is built in {@code @Setup}; results go to a {@code Blackhole} or are returned. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.braid.benchmarks.jmh;
