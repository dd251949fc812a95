package dev.braid.testbed.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The paper's controlled-environment matrix (section IV-A) in virtual time, with generous floors:
 * the protocol must aggregate, not hit an exact number. 20 s of virtual time each; 1.2x the sum
 * of the link rates offered, so congestion control decides the split.
 */
class ScenarioRunnerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final double SUB_MS_RTT = 0.5;

    private static Scenario scenario(String name, LinkProfile... links) {
        return Scenario.builder(name, List.of(links)).durationNanos(20 * SECOND).build();
    }

    static Stream<Arguments> paperMatrix() {
        Stream<Arguments> ratios = Stream.of(
                Arguments.of(scenario("5:5", LinkProfile.of(5, SUB_MS_RTT), LinkProfile.of(5, SUB_MS_RTT))),
                Arguments.of(scenario("6:4", LinkProfile.of(6, SUB_MS_RTT), LinkProfile.of(4, SUB_MS_RTT))),
                Arguments.of(scenario("8:2", LinkProfile.of(8, SUB_MS_RTT), LinkProfile.of(2, SUB_MS_RTT))));
        Stream<Arguments> delays = IntStream.rangeClosed(1, 10).map(i -> 10 * i).mapToObj(rtt -> Arguments.of(
                scenario("10ms:" + rtt + "ms", LinkProfile.of(5, 10), LinkProfile.of(5, rtt))));
        Stream<Arguments> combined = Stream.of(Arguments.of(
                scenario("8:2 10ms:100ms", LinkProfile.of(8, 10), LinkProfile.of(2, 100))));
        return Stream.concat(Stream.concat(ratios, delays), combined);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paperMatrix")
    void aggregatesAtLeast90PercentOfTheSumAndDeliversInOrder(Scenario s) {
        ScenarioResult r = ScenarioRunner.run(s);

        assertTrue(r.aggregateOfSum() >= 0.90, r.toString());
        assertTrue(r.inOrderOfSum() >= 0.85, r.toString());
        assertTrue(r.inOrderBitsPerSecond() <= r.aggregateBitsPerSecond(), r.toString());
        for (int link = 0; link < s.links().size(); link++) {
            // Every link carries at least 80 % of its rate: the scheduler uses the slow link too.
            double rate = s.links().get(link).rateBitsPerSecond();
            assertTrue(r.linkBitsPerSecond(link) >= 0.8 * rate, "link " + link + ": " + r);
        }
        assertEquals(0, r.resequencer().duplicates(), r.toString());
    }

    @Test
    void multilinkReachesTheSingleLinkReference() {
        // The reference, with some slack for a 20 s run: aggregate >= 95 %, in-order >= 93 %
        // of one link of the summed rate through the same tunnel.
        for (Scenario s : List.of(
                scenario("8:2", LinkProfile.of(8, SUB_MS_RTT), LinkProfile.of(2, SUB_MS_RTT)),
                scenario("10ms:100ms", LinkProfile.of(5, 10), LinkProfile.of(5, 100)))) {
            ScenarioResult multi = ScenarioRunner.run(s);
            ScenarioResult single = ScenarioRunner.run(s.singleLinkBaseline());
            assertTrue(multi.aggregateBitsPerSecond() >= 0.95 * single.aggregateBitsPerSecond(),
                    multi + " vs " + single);
            assertTrue(multi.inOrderBitsPerSecond() >= 0.93 * single.inOrderBitsPerSecond(),
                    multi + " vs " + single);
        }
    }

    @Test
    void sameSeedGivesIdenticalResults() {
        Scenario s = scenario("8:2 lossy", LinkProfile.of(8, 10).withJitter(1_000_000).withLoss(0.001),
                LinkProfile.of(2, 100).withLoss(0.001)).toBuilder().seed(42).build();

        ScenarioResult first = ScenarioRunner.run(s);
        ScenarioResult second = ScenarioRunner.run(s);

        assertEquals(first.fingerprint(), second.fingerprint());
        for (int i = 0; i < first.series().bins(); i++) {
            assertEquals(first.series().inOrderMbit(i), second.series().inOrderMbit(i));
        }
        ScenarioResult otherSeed = ScenarioRunner.run(s.toBuilder().seed(43).build());
        assertTrue(!first.fingerprint().equals(otherSeed.fingerprint()), "the seed must matter");
    }

    @Test
    void roundRobinReordersFarMoreThanMostFreeWindowAt8To2() {
        // Below capacity the scheduler alone decides the split: round-robin gives the 2 Mbit/s
        // link half of the packets until its window is full, so its queue stays full and packets
        // behind it wait in the resequencer; most-free-window keeps them on the fast link.
        Scenario s = scenario("8:2", LinkProfile.of(8, SUB_MS_RTT), LinkProfile.of(2, SUB_MS_RTT))
                .toBuilder().offeredLoadFactor(0.8).build();

        ScenarioResult mfw = ScenarioRunner.run(s.withScheduler("most-free-window"));
        ScenarioResult rr = ScenarioRunner.run(s.withScheduler("round-robin"));

        assertTrue(rr.holdMeanNanos() > 5 * mfw.holdMeanNanos(), rr + " vs " + mfw);
        assertTrue(rr.holdP50Nanos() > mfw.holdP50Nanos(), rr + " vs " + mfw);
        assertTrue(rr.inOrderBitsPerSecond() <= mfw.inOrderBitsPerSecond(), rr + " vs " + mfw);
    }

    @Test
    void timeSeriesAddsUpToTheTotals() {
        Scenario s = scenario("6:4", LinkProfile.of(6, SUB_MS_RTT), LinkProfile.of(4, SUB_MS_RTT));
        ScenarioResult r = ScenarioRunner.run(s);

        ThroughputSeries ts = r.series();
        assertEquals(200, ts.bins());
        double aggregateBits = 0;
        double inOrderBits = 0;
        double linkBits = 0;
        for (int i = 0; i < ts.bins(); i++) {
            aggregateBits += ts.aggregateMbit(i) * 1e6 * 0.1;
            inOrderBits += ts.inOrderMbit(i) * 1e6 * 0.1;
            linkBits += (ts.linkMbit(0, i) + ts.linkMbit(1, i)) * 1e6 * 0.1;
        }
        double seconds = 20;
        assertEquals(r.aggregateBitsPerSecond() * seconds, aggregateBits, 1e3);
        assertEquals(r.inOrderBitsPerSecond() * seconds, inOrderBits, 1e3);
        assertEquals(r.aggregateBitsPerSecond() * seconds, linkBits, 1e3);
    }

    @Test
    void binListenerSeesEveryBinOnceInOrderWithItsFinalValue() {
        Scenario s = Scenario.builder("8:2", List.of(LinkProfile.of(8, 10), LinkProfile.of(2, 100)))
                .durationNanos(3 * SECOND).build();
        List<Integer> seen = new java.util.ArrayList<>();
        List<Double> inOrderAtCallback = new java.util.ArrayList<>();

        ScenarioResult r = ScenarioRunner.run(s, (bin, series) -> {
            seen.add(bin);
            inOrderAtCallback.add(series.inOrderMbit(bin));
        });

        assertEquals(IntStream.range(0, 30).boxed().collect(java.util.stream.Collectors.toList()), seen);
        for (int i = 0; i < 30; i++) {
            assertEquals(r.series().inOrderMbit(i), inOrderAtCallback.get(i), "bin " + i);
        }
        assertEquals(ScenarioRunner.run(s).aggregateBitsPerSecond(), r.aggregateBitsPerSecond());
    }
}
