package dev.braid.testbed.linkem;

import dev.braid.testbed.link.LinkSpec;
import dev.braid.testbed.link.LinkSpecParser;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code linkem}: run one emulated link (UDP relay with shaping and NAT) until stopped. */
@Command(name = "linkem", mixinStandardHelpOptions = true,
        description = {"Relays UDP from --listen to --target through an emulated link and NAT box.",
                "SPEC: RATE/DELAY[,jitter=D][,loss=P%%][,ge=P/R[/BAD[/GOOD]]][,queue=D|BYTES]"
                        + "[,reorder][,trace=FILE][,at=T:down|up|rate=R|delay=D]...",
                "Example: --up 8mbit/20ms,jitter=1ms,loss=0.5%%,queue=100ms"})
public final class LinkemCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "Address clients send to, e.g. 127.0.0.1:40001.")
    String listen;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "Where the datagrams go, e.g. the proxy at 127.0.0.1:51820.")
    String target;

    @Option(names = "--up", paramLabel = "SPEC", defaultValue = "",
            description = "Shaping client -> target (default: unlimited).")
    String up;

    @Option(names = "--down", paramLabel = "SPEC", defaultValue = "",
            description = "Shaping target -> client (default: unlimited).")
    String down;

    @Option(names = "--nat-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Idle NAT mappings are forgotten after this (0 = never). Default: ${DEFAULT-VALUE}.")
    String natTimeout;

    @Option(names = "--filter-endpoint", description = "Endpoint-dependent filtering: accept replies only from the target.")
    boolean endpointDependentFiltering;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long (default: run until interrupted).")
    String duration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of loss and jitter. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        LinkemConfig config = toConfig();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (LinkEmulator emulator = LinkEmulator.start(config)) {
            Thread hook = new Thread(stop::countDown, "linkem-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("linkem listening on " + emulator.listenAddress() + " -> " + config.target());
            out.flush();
            if (duration != null) {
                stop.await(parse(duration, "--duration"), TimeUnit.NANOSECONDS);
            } else {
                stop.await();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            out.println("up:   " + emulator.counters(Direction.UP));
            out.println("down: " + emulator.counters(Direction.DOWN));
            out.flush();
        }
        return 0;
    }

    /** Validates all options together, reporting every problem at once. */
    LinkemConfig toConfig() {
        StringBuilder errors = new StringBuilder();
        InetSocketAddress listenAddress = hostPort(listen, "--listen", errors);
        InetSocketAddress targetAddress = hostPort(target, "--target", errors);
        LinkSpecParser parser = new LinkSpecParser();
        LinkSpec link = null;
        try {
            link = new LinkSpec(parser.parseDirection(up), parser.parseDirection(down));
        } catch (IllegalArgumentException e) {
            errors.append("\n  ").append(e.getMessage());
        }
        long timeout = 0;
        try {
            timeout = parse(natTimeout, "--nat-timeout");
        } catch (ParameterException e) {
            errors.append("\n  ").append(e.getMessage());
        }
        if (duration != null) {
            try {
                parse(duration, "--duration");
            } catch (ParameterException e) {
                errors.append("\n  ").append(e.getMessage());
            }
        }
        if (errors.length() > 0) {
            throw new ParameterException(spec.commandLine(), "invalid options:" + errors);
        }
        return new LinkemConfig(listenAddress, targetAddress, link, timeout, endpointDependentFiltering, seed, null);
    }

    private long parse(String text, String option) {
        try {
            return LinkSpecParser.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** Parses {@code host:port} or {@code [v6]:port}. */
    static InetSocketAddress parseHostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number in '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + text + "'");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
        return address;
    }

    private static InetSocketAddress hostPort(String text, String option, StringBuilder errors) {
        try {
            return parseHostPort(text);
        } catch (IllegalArgumentException e) {
            errors.append("\n  ").append(option).append(": ").append(e.getMessage());
            return null;
        }
    }
}
