package dev.braid.multilink.protocol;

/** A range of TCP/UDP/SCTP ports, both ends included; text {@code 5060} or {@code 10000-20000}. */
public record PortRange(int low, int high) {

    public PortRange {
        if (low < 0 || high > 65535 || low > high) {
            throw new IllegalArgumentException("port range " + low + "-" + high + " is not within 0..65535 low to high");
        }
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static PortRange parse(String text) {
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-');
        String low = dash < 0 ? trimmed : trimmed.substring(0, dash).trim();
        String high = dash < 0 ? trimmed : trimmed.substring(dash + 1).trim();
        if (!low.matches("[0-9]{1,5}") || !high.matches("[0-9]{1,5}")
                || Integer.parseInt(low) > 65535 || Integer.parseInt(high) > 65535) {
            throw new IllegalArgumentException("invalid port or port range '" + text + "' (expected e.g. 5060 or 10000-20000, ports 0..65535)");
        }
        if (Integer.parseInt(low) > Integer.parseInt(high)) {
            throw new IllegalArgumentException("port range '" + text + "' runs backwards (did you mean " + high + "-" + low + "?)");
        }
        return new PortRange(Integer.parseInt(low), Integer.parseInt(high));
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }

    @Override
    public String toString() {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
