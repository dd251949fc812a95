package dev.braid.testbed.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.protocol.Bbr;
import dev.braid.multilink.protocol.Ccid2;
import dev.braid.multilink.protocol.MultilinkSettings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The collapse of issue 14 in virtual time: one link of 40 Mbit/s, 60 ms RTT, with random loss
 * and jitter that never reorders (both directions), the product's multilink settings, 1.2x the
 * link offered. A loss-based window reads every random loss as congestion, and the jitter hides
 * that the queue is empty, so {@code ccid2-westwood} falls far below the link; {@code bbr} keeps
 * its rate model and carries what the same link carries without loss and jitter.
 */
class LossyLinkScenarioTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    /** The same link without loss or jitter, the reference of every row. */
    private static final ScenarioResult CLEAN = run(Bbr.NAME, 0, 0);

    private static ScenarioResult run(String congestionControl, long jitterMs, double loss) {
        MultilinkSettings settings = new MultilinkConfig().toSettings().toBuilder()
                .congestionControl(congestionControl).build();
        LinkProfile link = new LinkProfile(40_000_000L, 60 * MS, jitterMs * MS, loss);
        return ScenarioRunner.run(Scenario.builder("one lossy link", List.of(link)).settings(settings)
                .durationNanos(20 * SECOND).warmupNanos(3 * SECOND).build());
    }

    @ParameterizedTest(name = "{1} loss, +-{0} ms jitter")
    @CsvSource({"5, 0.005", "0, 0.005", "5, 0", "25, 0.01", "5, 0.02"})
    void aPacedRateModelCarriesTheLinkWhereTheLossBasedWindowFalls(long jitterMs, double loss) {
        ScenarioResult bbr = run(Bbr.NAME, jitterMs, loss);
        ScenarioResult westwood = run(Ccid2.WESTWOOD_NAME, jitterMs, loss);
        double share = bbr.inOrderMbit() / (CLEAN.inOrderMbit() * (1 - loss));
        assertTrue(share >= 0.9, "bbr " + bbr.inOrderMbit() + " of clean " + CLEAN.inOrderMbit() + " Mbit/s");
        if (loss > 0 && jitterMs > 0) {
            assertTrue(bbr.inOrderMbit() > 1.2 * westwood.inOrderMbit(),
                    "bbr " + bbr.inOrderMbit() + " vs ccid2-westwood " + westwood.inOrderMbit() + " Mbit/s");
        }
    }
}
