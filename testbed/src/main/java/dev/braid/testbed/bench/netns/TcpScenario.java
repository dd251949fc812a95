package dev.braid.testbed.bench.netns;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two links of the TCP benchmark: rates (kernel tbf, both directions), one-way delays, jitter
 * (uniform +-, without reordering) and random loss in percent (the user-space emulator, both
 * directions).
 */
public record TcpScenario(double rateAMbit, double rateBMbit, int delayAMs, int delayBMs,
                          int jitterAMs, int jitterBMs, double lossAPercent, double lossBPercent) {
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern SPEC = Pattern.compile(
            NUMBER + "\\+" + NUMBER + "@(\\d+)/(\\d+)(?:\\^(\\d+)/(\\d+))?(?:~" + NUMBER + "/" + NUMBER + ")?");

    public TcpScenario {
        if (!(rateAMbit > 0 && rateBMbit > 0) || delayAMs < 0 || delayBMs < 0 || jitterAMs < 0 || jitterBMs < 0) {
            throw new IllegalArgumentException("rates must be > 0, delays and jitter >= 0");
        }
        if (lossAPercent < 0 || lossAPercent >= 100 || lossBPercent < 0 || lossBPercent >= 100) {
            throw new IllegalArgumentException("loss must be in [0, 100) percent");
        }
    }

    /** Loss-free links. */
    public TcpScenario(double rateAMbit, double rateBMbit, int delayAMs, int delayBMs) {
        this(rateAMbit, rateBMbit, delayAMs, delayBMs, 0, 0, 0, 0);
    }

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

    /**
     * Parses "RATE_A+RATE_B@DELAY_A/DELAY_B[^JITTER_A/JITTER_B][~LOSS_A/LOSS_B]" in Mbit/s, ms and
     * percent, e.g. "50+50@10/50", "50+50@10/50~0/1" (1 % random loss each way on link b) or
     * "40+40@30/30^5/5~0.5/0.5" (+-5 ms jitter and 0.5 % loss on both).
     */
    public static TcpScenario parse(String text) {
        Matcher m = SPEC.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("scenario '" + text
                    + "' is not RATE_A+RATE_B@DELAY_A/DELAY_B[^JITTER_A/JITTER_B][~LOSS_A/LOSS_B],"
                    + " e.g. 50+50@10/50, 50+50@10/50~0/1 or 40+40@30/30^5/5~0.5/0.5");
        }
        return new TcpScenario(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                m.group(7) == null ? 0 : Double.parseDouble(m.group(7)),
                m.group(8) == null ? 0 : Double.parseDouble(m.group(8)));
    }

    public double sumMbit() {
        return rateAMbit + rateBMbit;
    }

    /** e.g. "5+5Mbit 10/50ms", "50+50Mbit 10/50ms loss 0/1%". */
    public String name() {
        String name = fmt(rateAMbit) + "+" + fmt(rateBMbit) + "Mbit " + delayAMs + "/" + delayBMs + "ms";
        if (jitterAMs != 0 || jitterBMs != 0) {
            name += " jitter " + jitterAMs + "/" + jitterBMs + "ms";
        }
        return lossAPercent == 0 && lossBPercent == 0 ? name
                : name + " loss " + fmt(lossAPercent) + "/" + fmt(lossBPercent) + "%";
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
