package dev.braid.testbed.demo;

/**
 * What the realtime stream measured over a run, counted once nothing was in flight any more.
 *
 * @param packetBytes          inner packet size (IPv4 + UDP + payload)
 * @param intervalNanos        one packet every this long
 * @param sent                 packets sent
 * @param delivered            unique packets arrived
 * @param lost                 packets that never arrived
 * @param duplicates           second deliveries of a packet (the tunnel should let none through)
 * @param whole                one-way delays of the whole run
 * @param steady               one-way delays of the packets sent after the warm-up
 * @param steadyLoss           loss of the packets sent after the warm-up
 * @param warmupSeconds        what {@code steady} leaves out (0: it is {@code whole})
 * @param fastLinkOneWayMillis the lowest-delay link's configured one-way delay
 * @param sentSeconds          per arrival, its send time since the start
 * @param delayMillis          per arrival, its one-way delay
 */
record RealtimeResult(int packetBytes, long intervalNanos, long sent, long delivered, long lost, long duplicates,
                      LatencyStats whole, LatencyStats steady, RealtimeLedger.Loss steadyLoss, double warmupSeconds,
                      double fastLinkOneWayMillis,
                      double[] sentSeconds, double[] delayMillis) {

    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }

    /** From the ledger once the run has drained; times relative to {@code startNanos}. */
    static RealtimeResult of(RealtimeLedger ledger, int packetBytes, long intervalNanos, long startNanos,
                             double warmupSeconds, double fastLinkOneWayMillis) {
        ledger.finish();
        long[][] trace = ledger.trace();
        double[] sentSeconds = new double[trace[0].length];
        double[] delayMillis = new double[trace[0].length];
        for (int i = 0; i < sentSeconds.length; i++) {
            sentSeconds[i] = (trace[0][i] - startNanos) / 1e9;
            delayMillis[i] = trace[1][i] / 1e6;
        }
        long steadyFrom = startNanos + Math.round(warmupSeconds * 1e9);
        return new RealtimeResult(packetBytes, intervalNanos, ledger.sent(), ledger.delivered(), ledger.lost(),
                ledger.duplicates(), ledger.delaysSentFrom(Long.MIN_VALUE), ledger.delaysSentFrom(steadyFrom),
                ledger.lossSentFrom(steadyFrom), warmupSeconds, fastLinkOneWayMillis, sentSeconds, delayMillis);
    }
}
