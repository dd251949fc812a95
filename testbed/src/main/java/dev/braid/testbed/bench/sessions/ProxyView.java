package dev.braid.testbed.bench.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.core.lifecycle.ControlSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's own view: its sessions and drop counters ({@code status-json} on its control
 * socket), and when it accepted each login (the {@code login: user ... accepted} lines of its log),
 * which tells the proxy's login throughput apart from what the generator saw.
 */
final class ProxyView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "accepted, session";

    /** What {@code status-json} says. */
    record Status(int sessions, Map<String, Long> drops) {}

    private ProxyView() {}

    /** The proxy's sessions and its non-zero drop counters. */
    static Status status(Path controlSocket) throws IOException {
        JsonNode document = JSON.readTree(ControlSocket.request(controlSocket, "status-json"));
        Map<String, Long> drops = new LinkedHashMap<>();
        document.path("drops").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                drops.put(e.getKey(), e.getValue().asLong());
            }
        });
        return new Status(document.path("sessions").size(), drops);
    }

    /** Seconds of the day of every accepted login in {@code log}, in log order. */
    static List<Double> acceptTimes(String log) {
        List<Double> times = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(ACCEPTED) && line.length() > 12) {
                try {
                    times.add(LocalTime.parse(line.substring(0, 12)).toNanoOfDay() / 1e9);
                } catch (DateTimeParseException e) {
                    // not a log line of the expected shape: not a login
                }
            }
        }
        return times;
    }

    /** Logins per second between the first and the last accept; NaN for fewer than two (or a run across midnight). */
    static double acceptRate(List<Double> times) {
        if (times.size() < 2) {
            return Double.NaN;
        }
        double span = times.get(times.size() - 1) - times.get(0);
        return span <= 0 ? Double.NaN : (times.size() - 1) / span;
    }
}
