package dev.braid.testbed.bench.chaos;

import dev.braid.testbed.bench.path.PathNet;
import java.time.Duration;

/** What {@code bench chaos} does to a running tunnel, in this order, over and over. */
public enum ChaosEvent {
    LINK_CUT("cut", "link a cut both ways for 4 s (carrier kept: only silence tells)"),
    LOSS_BURST("loss-burst", "20 % random loss on every link, both ways, for 5 s"),
    NAT_REBIND("rebind", "link a's NAT mapping moves to another port"),
    PROXY_KILL("proxy-kill", "the proxy killed (SIGKILL) and started again 1 s later"),
    CLIENT_RESTART("client-restart", "the client stopped (SIGTERM) and started again");

    private final String label;
    private final String description;

    ChaosEvent(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Does it to {@code net}; returns when it is over and the world is whole again. */
    void apply(PathNet net) throws Exception {
        switch (this) {
            case LINK_CUT -> hold(net.cut(0), Duration.ofSeconds(4));
            case LOSS_BURST -> hold(net.loss(20), Duration.ofSeconds(5));
            case NAT_REBIND -> net.rebind(0);
            case PROXY_KILL -> net.killAndRestartProxy(Duration.ofSeconds(1));
            case CLIENT_RESTART -> net.restartClient();
        }
    }

    private static void hold(AutoCloseable fault, Duration duration) throws Exception {
        try (fault) {
            Thread.sleep(duration.toMillis());
        }
    }

    /** The event at place {@code index} of the run. */
    static ChaosEvent at(int index) {
        return values()[index % values().length];
    }
}
