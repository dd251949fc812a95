package dev.braid.testbed.linkem;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.LinkSpecParser;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pathem}: delay, jitter and loss for the IP packets routed through TUN devices, until stopped. */
@Command(name = "pathem", mixinStandardHelpOptions = true,
        description = {"Opens a TUN device per --path and writes every packet read from it back after the path's "
                + "delay (jitter never reorders), or drops it; route traffic into the device and out of it "
                + "with policy routing. Needs root (or CAP_NET_ADMIN).",
                "SPEC as for linkem: 0/DELAY[,jitter=D][,loss=P%%][,ge=P/R[/BAD[/GOOD]]] (rate 0: the kernel's tbf "
                        + "in front of the device is the bottleneck)",
                "Example: --path up-a=0/30ms,jitter=5ms,loss=0.5%% --path down-a=0/30ms,jitter=5ms"})
public final class PathemCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--path", required = true, paramLabel = "DEVICE=SPEC",
            description = "A TUN device to create (at most 15 characters) and the path through it (repeatable).")
    List<String> paths;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of loss and jitter. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        Map<String, DirectionSpec> parsed = parsePaths();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        try (PathEmulator emulator = PathEmulator.start(parsed, seed, SystemClock.INSTANCE)) {
            // SIGTERM: let the main thread print the counters before the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                awaitQuietly(reported);
            }, "pathem-shutdown"));
            out.println("pathem ready: " + String.join(" ", emulator.counters().keySet()));
            out.flush();
            stop.await();
            emulator.counters().forEach((device, counters) -> out.println(device + ": " + counters));
            out.printf("written back late by p50 %d us, p99 %d us, max %d us%n",
                    emulator.lateness().getValueAtPercentile(50) / 1000,
                    emulator.lateness().getValueAtPercentile(99) / 1000, emulator.lateness().getMaxValue() / 1000);
            out.flush();
        } finally {
            reported.countDown();
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** DEVICE=SPEC per option, every problem reported at once. */
    Map<String, DirectionSpec> parsePaths() {
        Map<String, DirectionSpec> parsed = new LinkedHashMap<>();
        StringBuilder errors = new StringBuilder();
        LinkSpecParser parser = new LinkSpecParser();
        for (String path : paths) {
            int equals = path.indexOf('=');
            String device = equals < 0 ? "" : path.substring(0, equals);
            if (device.isEmpty() || device.length() > 15 || !device.matches("[A-Za-z0-9_.-]+")) {
                errors.append("\n  --path ").append(path).append(": expected DEVICE=SPEC with a device name of 1-15 "
                        + "letters, digits, '_', '.' or '-'");
                continue;
            }
            try {
                DirectionSpec direction = parser.parseDirection(path.substring(equals + 1));
                if (parsed.put(device, direction) != null) {
                    errors.append("\n  --path ").append(path).append(": device ").append(device).append(" given twice");
                }
            } catch (IllegalArgumentException e) {
                errors.append("\n  --path ").append(path).append(": ").append(e.getMessage());
            }
        }
        if (errors.length() > 0) {
            throw new ParameterException(spec.commandLine(), "invalid options:" + errors);
        }
        return parsed;
    }
}
