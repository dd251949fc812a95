package dev.braid.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A route to a destination through a device, optionally in a routing table and with a metric:
 * {@code ip route add DESTINATION dev DEVICE [table T] [metric M]}.
 *
 * @param destination an IPv4 or IPv6 CIDR ({@code 10.8.0.0/24}, {@code fd00::/64}), a host
 *     address, or {@code default}
 */
public record Route(String destination, String device, OptionalInt table, OptionalInt metric) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(metric, "metric");
        if (!destination.equals("default") && !IPV4.matcher(destination).matches()
                && !IPV6.matcher(destination).matches()) {
            throw new IllegalArgumentException("route destination '" + destination
                    + "' is not a CIDR such as 10.8.0.0/24 or 'default'");
        }
        if (device.isEmpty()) {
            throw new IllegalArgumentException("route device must not be empty");
        }
        table.ifPresent(t -> {
            if (t <= 0) {
                throw new IllegalArgumentException("route table must be > 0, got " + t);
            }
        });
        metric.ifPresent(m -> {
            if (m < 0) {
                throw new IllegalArgumentException("route metric must be >= 0, got " + m);
            }
        });
    }

    /** A route in the main table with the default metric. */
    public static Route of(String destination, String device) {
        return new Route(destination, device, OptionalInt.empty(), OptionalInt.empty());
    }

    public Route inTable(int tableId) {
        return new Route(destination, device, OptionalInt.of(tableId), metric);
    }

    public Route withMetric(int value) {
        return new Route(destination, device, table, OptionalInt.of(value));
    }

    /** The selector part of the ip command: {@code DEST dev DEV [table T] [metric M]}. */
    List<String> ipArguments() {
        List<String> args = new ArrayList<>(List.of(destination, "dev", device));
        table.ifPresent(t -> args.addAll(List.of("table", Integer.toString(t))));
        metric.ifPresent(m -> args.addAll(List.of("metric", Integer.toString(m))));
        return args;
    }

    @Override
    public String toString() {
        return String.join(" ", ipArguments());
    }
}
