package dev.braid.benchmarks.forwarding;

import dev.braid.core.crypto.CipherSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of {@link ForwardingBench}. {@code --suite} and {@code --data-path} take one value
 * or a comma-separated list; every combination is measured, in the order given.
 *
 * @param out           file the Markdown table is written to
 * @param seconds       measured time per combination
 * @param warmupSeconds traffic before measuring (JIT, windows opening)
 * @param suites        cipher suites
 * @param dataPaths     "single" and/or "multilink"
 * @param size          inner IP packet size in bytes
 * @param inFlight      most packets injected but not yet delivered
 * @param rounds        times every combination is run; the table shows the median round
 * @param ackRatio      multilink receiver's ack ratio; 0 keeps the plugin's default
 */
public record ForwardingOptions(Path out, double seconds, double warmupSeconds, List<CipherSuite> suites,
                                List<String> dataPaths, int size, int inFlight, int rounds, int ackRatio) {

    public static final String USAGE = "usage: ForwardingBench --out FILE [--seconds N] [--warmup N]"
            + " [--suite none|chacha20-poly1305|aes-256-gcm[,...]] [--data-path single|multilink[,...]]"
            + " [--size BYTES] [--in-flight N] [--rounds N] [--ack-ratio N]";

    public ForwardingOptions {
        suites = List.copyOf(suites);
        dataPaths = List.copyOf(dataPaths);
        require(out != null, "--out is required");
        require(seconds > 0, "--seconds must be > 0");
        require(warmupSeconds >= 0, "--warmup must be >= 0");
        require(!suites.isEmpty() && !dataPaths.isEmpty(), "no suite or data path");
        for (String path : dataPaths) {
            require(path.equals("single") || path.equals("multilink"), "unknown data path '" + path + "' (single, multilink)");
        }
        require(size >= IpPackets.MIN_SIZE && size <= 1400, "--size must be in " + IpPackets.MIN_SIZE + "..1400");
        require(inFlight >= 1, "--in-flight must be >= 1");
        require(rounds >= 1, "--rounds must be >= 1");
        require(ackRatio >= 0, "--ack-ratio must be >= 0");
    }

    /** @throws IllegalArgumentException with the reason and the usage line */
    public static ForwardingOptions parse(String... args) {
        Path out = null;
        double seconds = 5;
        double warmup = 1;
        List<CipherSuite> suites = List.of(CipherSuite.values());
        List<String> paths = List.of("single", "multilink");
        int size = 1400;
        int inFlight = 128;
        int rounds = 1;
        int ackRatio = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--suite" -> suites = suites(value);
                case "--data-path" -> paths = List.of(value.split(","));
                case "--size" -> size = Integer.parseInt(value);
                case "--in-flight" -> inFlight = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--ack-ratio" -> ackRatio = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new ForwardingOptions(out, seconds, warmup, suites, paths, size, inFlight, rounds, ackRatio);
    }

    private static List<CipherSuite> suites(String list) {
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : list.split(",")) {
            suites.add(CipherSuite.fromConfigName(name));
        }
        return suites;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message + "\n" + USAGE);
        }
    }
}
