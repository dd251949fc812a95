package dev.braid.testbed.bench.netns;

/**
 * One iperf3 TCP measurement of the benchmark.
 *
 * @param direction      "up" (client to server) or "down" (iperf3 -R); "up#2" etc. for a later run
 *                       of that direction in the same session
 * @param goodputMbit    goodput at the receiver; NaN when the run failed
 * @param bestSingleMbit the single best link's goodput in the same scenario and direction (NaN if not measured)
 */
public record TcpResult(TcpScenario scenario, String direction, TcpVariant variant, double goodputMbit,
        long retransmits, double bestSingleMbit) {

    public double percentOfSum() {
        return 100 * goodputMbit / scenario.sumMbit();
    }

    public double ratioVsBestSingle() {
        return goodputMbit / bestSingleMbit;
    }

    public TcpResult withDirection(String label) {
        return new TcpResult(scenario, label, variant, goodputMbit, retransmits, bestSingleMbit);
    }

    public TcpResult withBestSingle(double mbit) {
        return new TcpResult(scenario, direction, variant, goodputMbit, retransmits, mbit);
    }
}
