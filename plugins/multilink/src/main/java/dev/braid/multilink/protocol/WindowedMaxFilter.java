package dev.braid.multilink.protocol;

/**
 * Running maximum of samples over a window of rounds, in constant space: the best, second and
 * third best of the window (Kathleen Nichols' algorithm, as Linux {@code lib/minmax.c}), so an
 * expiring maximum falls back to the best later sample instead of the next sample alone.
 */
final class WindowedMaxFilter {
    private final long windowRounds;
    private final double[] value = new double[3];
    private final long[] round = new long[3];

    WindowedMaxFilter(long windowRounds) {
        this.windowRounds = windowRounds;
    }

    /** The maximum over the window; 0 before any sample. */
    double best() {
        return value[0];
    }

    /** Adds a sample taken in round {@code r} (rounds never go backwards). */
    void update(long r, double sample) {
        if (sample >= value[0] || r - round[2] > windowRounds) {
            reset(r, sample);
            return;
        }
        if (sample >= value[1]) {
            set(1, r, sample);
            set(2, r, sample);
        } else if (sample >= value[2]) {
            set(2, r, sample);
        }
        expire(r, sample);
    }

    private void expire(long r, double sample) {
        long age = r - round[0];
        if (age > windowRounds) {
            value[0] = value[1];
            round[0] = round[1];
            value[1] = value[2];
            round[1] = round[2];
            set(2, r, sample);
            if (r - round[0] > windowRounds) {
                value[0] = value[1];
                round[0] = round[1];
                set(1, r, sample);
            }
        } else if (round[1] == round[0] && age > windowRounds / 4) {
            set(1, r, sample);
            set(2, r, sample);
        } else if (round[2] == round[1] && age > windowRounds / 2) {
            set(2, r, sample);
        }
    }

    private void reset(long r, double sample) {
        for (int i = 0; i < 3; i++) {
            set(i, r, sample);
        }
    }

    private void set(int i, long r, double sample) {
        value[i] = sample;
        round[i] = r;
    }
}
