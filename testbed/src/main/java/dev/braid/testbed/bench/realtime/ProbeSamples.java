package dev.braid.testbed.bench.realtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The receiver's record of arrivals, one {@code seq,sent_ns,received_ns} line each, in arrival order. */
final class ProbeSamples {
    static final String HEADER = "seq,sent_ns,received_ns";

    private ProbeSamples() {}

    static void write(Path file, List<ProbeSample> samples) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(HEADER);
            out.newLine();
            for (ProbeSample s : samples) {
                out.write(s.seq() + "," + s.sentNanos() + "," + s.receivedNanos());
                out.newLine();
            }
        }
    }

    static List<ProbeSample> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a probe record (no " + HEADER + " header)");
        }
        List<ProbeSample> samples = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            samples.add(new ProbeSample(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        return samples;
    }
}
