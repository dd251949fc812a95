package dev.braid.testbed.bench.paper;

/**
 * What one run of a {@link PaperCase} measured at the receiver, in inner (goodput) Mbit/s.
 *
 * @param aggregateMbit      unique packets arrived, mean over the run
 * @param inOrderMbit        packets delivered in order to the TUN, mean over the run
 * @param holdP99Ms          resequencer hold delay p99 (NaN in real time: not observable from outside)
 * @param binSeconds         width of the in-order bins
 * @param inOrderPerBin      in-order goodput per bin
 * @param aggregatePerSecond aggregate goodput per second
 * @param runSeconds         how long the stream ran (virtual or real seconds)
 * @param wallSeconds        wall time of the run
 * @param cpu                CPU use during the run (null in virtual time)
 * @param generatorSkipped   CBR packets never sent because the generator thread fell behind (real time)
 */
public record Measurement(double aggregateMbit, double inOrderMbit, double holdP99Ms, double binSeconds,
                          double[] inOrderPerBin, double[] aggregatePerSecond, double runSeconds, double wallSeconds,
                          CpuMeter.Usage cpu, long generatorSkipped) {

    /**
     * Burstiness of the in-order delivery: coefficient of variation (stddev / mean) of the
     * in-order bins, leaving out the first second (slow start); NaN without enough bins.
     */
    public double inOrderCv() {
        int from = (int) Math.ceil(1.0 / binSeconds);
        int n = inOrderPerBin.length - from;
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = from; i < inOrderPerBin.length; i++) {
            sum += inOrderPerBin[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = from; i < inOrderPerBin.length; i++) {
            sq += (inOrderPerBin[i] - mean) * (inOrderPerBin[i] - mean);
        }
        return mean == 0 ? Double.NaN : Math.sqrt(sq / (n - 1)) / mean;
    }
}
