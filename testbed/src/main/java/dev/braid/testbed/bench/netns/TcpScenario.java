package dev.braid.testbed.bench.netns;

import java.util.List;

/**
 * Two links of the TCP benchmark: rates (kernel tbf, both directions) and one-way delays (the
 * user-space emulator, both directions).
 */
public record TcpScenario(double rateAMbit, double rateBMbit, int delayAMs, int delayBMs) {

    /** The matrix: 5+5 and 50+50 Mbit/s at 10/10 and 10/50 ms, 8+2 Mbit/s at 10/100 ms. */
    public static List<TcpScenario> matrix() {
        return List.of(
                new TcpScenario(5, 5, 10, 10),
                new TcpScenario(5, 5, 10, 50),
                new TcpScenario(50, 50, 10, 10),
                new TcpScenario(50, 50, 10, 50),
                new TcpScenario(8, 2, 10, 100));
    }

    /** The one small scenario of {@code --quick}. */
    public static TcpScenario quick() {
        return new TcpScenario(5, 5, 10, 10);
    }

    public double sumMbit() {
        return rateAMbit + rateBMbit;
    }

    /** e.g. "5+5Mbit 10/50ms". */
    public String name() {
        return fmt(rateAMbit) + "+" + fmt(rateBMbit) + "Mbit " + delayAMs + "/" + delayBMs + "ms";
    }

    /** The link the single-link baseline uses: the higher rate, on a tie the shorter delay. */
    public boolean bestIsA() {
        return rateAMbit > rateBMbit || (rateAMbit == rateBMbit && delayAMs <= delayBMs);
    }

    static String fmt(double mbit) {
        return mbit == Math.rint(mbit) ? String.valueOf((long) mbit) : String.valueOf(mbit);
    }

    /** tc's rate syntax, in kbit so fractions survive. */
    static String tcRate(double mbit) {
        return Math.round(mbit * 1000) + "kbit";
    }
}
