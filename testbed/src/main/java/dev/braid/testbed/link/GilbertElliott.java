package dev.braid.testbed.link;

/**
 * Parameters of the two-state Gilbert–Elliott loss model, evaluated once per packet: first the
 * state may change (good to bad with {@code p}, bad to good with {@code r}), then the packet is
 * lost with the loss probability of the current state.
 *
 * @param p          probability of moving from the good to the bad state
 * @param r          probability of moving from the bad to the good state
 * @param lossInBad  loss probability while bad (classic Gilbert: 1)
 * @param lossInGood loss probability while good (classic Gilbert: 0)
 */
public record GilbertElliott(double p, double r, double lossInBad, double lossInGood) {

    public GilbertElliott {
        checkProbability("p", p);
        checkProbability("r", r);
        checkProbability("lossInBad", lossInBad);
        checkProbability("lossInGood", lossInGood);
        if (p + r == 0) {
            throw new IllegalArgumentException("Gilbert-Elliott: p and r must not both be 0");
        }
    }

    /** Long-run loss rate: the stationary share of each state times its loss probability. */
    public double expectedLossRate() {
        double bad = p / (p + r);
        return bad * lossInBad + (1 - bad) * lossInGood;
    }

    static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
    }
}
