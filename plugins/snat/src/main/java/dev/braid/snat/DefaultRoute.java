package dev.braid.snat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the egress interface in the output of {@code ip -4 route show default}. */
final class DefaultRoute {
    private DefaultRoute() {}

    /**
     * @param ipRouteOutput e.g. {@code default via 192.0.2.1 dev eth0 proto dhcp metric 100}
     * @return the device of the default route with the lowest metric (the first of a multipath
     *         route's next hops), or empty when there is no default route
     */
    static Optional<String> egressInterface(String ipRouteOutput) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (List<String> route : routes(ipRouteOutput)) {
            String dev = valueAfter(route, "dev");
            if (dev == null) {
                continue;
            }
            String metricText = valueAfter(route, "metric");
            long metric = metricText == null ? 0 : parseMetric(metricText);
            if (metric < bestMetric) {
                bestMetric = metric;
                best = dev;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each default route with its continuation ({@code nexthop}) lines, as tokens. */
    private static List<List<String>> routes(String output) {
        List<List<String>> routes = new ArrayList<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            boolean continuation = Character.isWhitespace(line.charAt(0));
            List<String> tokens = List.of(line.strip().split("\\s+"));
            if (!continuation) {
                // "unreachable default ..." and the like carry no traffic out of an interface.
                current = tokens.get(0).equals("default") ? new ArrayList<>(tokens) : null;
                if (current != null) {
                    routes.add(current);
                }
            } else if (current != null) {
                current.addAll(tokens);
            }
        }
        return routes;
    }

    private static String valueAfter(List<String> tokens, String key) {
        int i = tokens.indexOf(key);
        return i >= 0 && i + 1 < tokens.size() ? tokens.get(i + 1) : null;
    }

    private static long parseMetric(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - 1;
        }
    }
}
