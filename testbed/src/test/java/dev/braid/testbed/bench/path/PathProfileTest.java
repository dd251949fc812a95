package dev.braid.testbed.bench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.LinkSpecParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathProfileTest {

    @Test
    void theMatrixCoversWhatTheIssueAsksFor() {
        List<PathProfile> matrix = PathProfile.matrix();
        assertEquals(matrix.size(), matrix.stream().map(PathProfile::name).distinct().count(), "names are unique");
        List<PathLink> links = matrix.stream().flatMap(p -> p.links().stream()).toList();
        assertTrue(links.stream().anyMatch(l -> l.queueMs() >= 200), "a deep queue");
        assertTrue(links.stream().anyMatch(l -> l.queueMs() <= 20), "a shallow queue");
        assertTrue(links.stream().anyMatch(l -> l.jitterMs() == 5) && links.stream().anyMatch(l -> l.jitterMs() == 20));
        assertTrue(links.stream().anyMatch(l -> l.lossPercent() == 0.5) && links.stream().anyMatch(l -> l.lossPercent() == 2));
        assertTrue(links.stream().anyMatch(l -> l.burstPackets() > 1), "bursty loss");
        assertTrue(links.stream().anyMatch(l -> !l.rateStepsMbit().isEmpty()), "changing rates");
        assertTrue(matrix.stream().anyMatch(p -> !p.isSingleLink()
                && Math.abs(p.links().get(0).delayMs() - p.links().get(1).delayMs()) * 2 >= 300), "an RTT spread of 300 ms");
        assertTrue(matrix.stream().anyMatch(p -> ratio(p) == 4) && matrix.stream().anyMatch(p -> ratio(p) == 10));
    }

    private static double ratio(PathProfile p) {
        return p.isSingleLink() ? 1 : p.links().get(0).rateMbit() / p.links().get(1).rateMbit();
    }

    @Test
    void theReferenceHasTheSummedRateOnTheBestLinksPath() {
        PathProfile target = PathProfile.parse("target").get(0);
        PathLink reference = target.reference();
        assertEquals(100, reference.rateMbit());
        assertEquals(10, reference.delayMs(), "the faster link's delay");
        assertEquals(0, target.bestLink());
        PathProfile satellite = PathProfile.parse("lte-sat").get(0);
        assertEquals(25, satellite.reference().delayMs());
        assertEquals(0.5, satellite.reference().lossPercent());
    }

    @Test
    void aChangingLinkMakesTheReferenceFollowTheSumStepByStep() {
        PathProfile changing = PathProfile.parse("changing").get(0);
        PathLink reference = changing.reference();
        assertEquals(List.of(100.0, 70.0, 100.0, 85.0), reference.rateStepsMbit());
        assertEquals(4, reference.stepSeconds());
        assertEquals(changing.sumMbit(), reference.meanRateMbit(), 1e-9);
        assertEquals(70.0, reference.rateAt(5));
        assertEquals(100.0, reference.rateAt(16), "the steps cycle");
    }

    @Test
    void burstyLossKeepsItsMeanInTheGilbertElliottSpec() {
        PathLink link = PathLink.of(20, 20, 0, 2, 20).withBursts(4);
        DirectionSpec spec = new LinkSpecParser().parseDirection(link.pathemSpec());
        double p = spec.burstLoss().p();
        double r = spec.burstLoss().r();
        assertEquals(0.02, p / (p + r), 1e-4, "mean loss");
        assertEquals(0.25, r, 1e-6, "mean burst of 4 packets");
        assertEquals(0, spec.rateBitsPerSecond(), "the kernel's tbf is the bottleneck, not pathem");
        assertEquals("0/30ms,jitter=5ms,loss=0.5%", PathLink.of(40, 30, 5, 0.5, 50).pathemSpec());
    }

    @Test
    void adHocPairsAndBadNamesAreParsed() {
        PathProfile pair = PathProfile.parse("20+10@5/40~0/1").get(0);
        assertEquals(2, pair.links().size());
        assertEquals(1, pair.links().get(1).lossPercent());
        assertEquals(PathProfile.matrix().size(), PathProfile.parse("all").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathProfile.parse("equall"));
        assertTrue(e.getMessage().contains("equal-deep"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PathLink.of(10, 5, 6, 0, 50), "jitter above the delay");
    }
}
