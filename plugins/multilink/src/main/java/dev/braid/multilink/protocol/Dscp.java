package dev.braid.multilink.protocol;

import java.util.Locale;

/** DiffServ code points by number (0..63) or RFC 4594 name ({@code ef}, {@code af41}, {@code cs5}, {@code va}, {@code df}). */
public final class Dscp {
    public static final int EF = 46;
    public static final int CS4 = 32;
    public static final int CS5 = 40;
    /**
     * Marks the automatic classifier takes as realtime: EF (telephony), AF41-43 (interactive video),
     * CS4 (real-time interactive) and CS5 (signalling, broadcast video), RFC 4594's latency classes.
     */
    public static final long AUTO_REALTIME_MASK = bit(EF) | bit(34) | bit(36) | bit(38) | bit(CS4) | bit(CS5);

    private Dscp() {}

    /** The bit of {@code dscp} in a 64-bit set of code points. */
    public static long bit(int dscp) {
        return 1L << dscp;
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static int parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.matches("[0-9]{1,2}") && Integer.parseInt(name) <= 63) {
            return Integer.parseInt(name);
        }
        if (name.matches("cs[0-7]")) {
            return 8 * (name.charAt(2) - '0');
        }
        if (name.matches("af[1-4][1-3]")) {
            return 8 * (name.charAt(2) - '0') + 2 * (name.charAt(3) - '0');
        }
        return switch (name) {
            case "ef" -> EF;
            case "va" -> 44;
            case "df", "be", "default" -> 0;
            default -> throw new IllegalArgumentException("invalid DSCP '" + text
                    + "' (expected 0..63 or a name: ef, va, df, cs0..cs7, af11..af43)");
        };
    }
}
