package dev.braid.testbed.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the demo needs from the text of {@code braid status} (the control socket's answer): the
 * link table by link id, the multilink lines ({@code multilink NAME: key value ...} and
 * {@code resequencer: key value ...}) as numbers by key, and the busiest flows ({@code flow N:}).
 */
public final class StatusText {
    private static final Pattern FLOW = Pattern.compile(
            "flow [0-9]+: (.+) (realtime|bulk) [0-9.]+ kbit/s [0-9]+ packets mean [0-9]+ B"
                    + "(?: link (\\S+))?(?: copies ([0-9]+))?");
    private static final Pattern NUMBER_FIELD = Pattern.compile("([a-z][a-z-]*) (-?[0-9]+(?:\\.[0-9]+)?)");

    /** A row of the link table; counters are of the whole link, control included. */
    record LinkRow(int id, String name, boolean up, long packetsOut, long bytesOut, long packetsIn, long bytesIn) {}

    private final Map<Integer, LinkRow> links = new HashMap<>();
    private final Map<String, Map<String, Double>> multilink = new HashMap<>();
    private final Map<String, Double> resequencer = new HashMap<>();
    private final Map<String, Long> drops = new HashMap<>();
    private final Map<String, FlowRow> flows = new HashMap<>();

    /**
     * A {@code flow N:} line: one of the sender's busiest flows.
     *
     * @param tuple     e.g. {@code udp 198.51.100.10:5004 > 10.77.0.2:5004}
     * @param flowClass {@code realtime} or {@code bulk}
     * @param link      the link it was last put on, or null
     * @param copies    redundant copies sent for it
     */
    record FlowRow(String tuple, String flowClass, String link, long copies) {}

    private StatusText() {}

    public static StatusText parse(String text) {
        StatusText status = new StatusText();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("multilink ") && line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                status.multilink.put(line.substring("multilink ".length(), colon), fields(line.substring(colon + 1)));
            } else if (line.startsWith("resequencer:")) {
                status.resequencer.putAll(fields(line.substring("resequencer:".length())));
            } else if (line.startsWith("drops:")) {
                for (String entry : line.substring("drops:".length()).trim().split("\\s+")) {
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        status.drops.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
                    }
                }
            } else if (line.startsWith("flow ")) {
                status.parseFlow(line);
            } else {
                status.parseLinkRow(line);
            }
        }
        return status;
    }

    private void parseFlow(String line) {
        Matcher m = FLOW.matcher(line);
        if (m.matches()) {
            flows.put(m.group(1), new FlowRow(m.group(1), m.group(2), m.group(3),
                    m.group(4) == null ? 0 : Long.parseLong(m.group(4))));
        }
    }

    private void parseLinkRow(String line) {
        String[] t = line.split("\\s+");
        if (t.length < 8 || !t[0].matches("[0-9]+") || !(t[3].equals("up") || t[3].equals("DOWN"))) {
            return;
        }
        try {
            links.put(Integer.parseInt(t[0]), new LinkRow(Integer.parseInt(t[0]), t[1], t[3].equals("up"),
                    Long.parseLong(t[4]), Long.parseLong(t[5]), Long.parseLong(t[6]), Long.parseLong(t[7])));
        } catch (NumberFormatException e) {
            // not a link row after all
        }
    }

    private static Map<String, Double> fields(String text) {
        Map<String, Double> values = new HashMap<>();
        Matcher m = NUMBER_FIELD.matcher(text);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    /** A number of the multilink line of the link named {@code name}, or NaN. */
    public double multilink(String name, String key) {
        Map<String, Double> values = multilink.get(name);
        return values == null ? Double.NaN : values.getOrDefault(key, Double.NaN);
    }

    LinkRow link(int id) {
        return links.get(id);
    }

    /** A number of link {@code id}'s multilink line ({@code cwnd}, {@code srtt}, {@code sent}, ...), or NaN. */
    double multilink(int id, String key) {
        LinkRow row = links.get(id);
        Map<String, Double> values = row == null ? null : multilink.get(row.name());
        return values == null ? Double.NaN : values.getOrDefault(key, Double.NaN);
    }

    /** A drop counter of the {@code drops:} line by its label (e.g. {@code congestion}), 0 if absent. */
    long drops(String label) {
        return drops.getOrDefault(label, 0L);
    }

    /** The {@code flow N:} line of {@code tuple}, or null when it is not among the busiest. */
    FlowRow flow(String tuple) {
        return flows.get(tuple);
    }

    /** A number of the resequencer line ({@code delivered}, {@code buffered}, ...), or NaN. */
    double resequencer(String key) {
        return resequencer.getOrDefault(key, Double.NaN);
    }
}
