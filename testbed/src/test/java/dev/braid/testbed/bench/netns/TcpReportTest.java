package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TcpReportTest {
    private static final TcpScenario SCENARIO = new TcpScenario(8, 2, 10, 100);

    @Test
    void variantsParse() {
        assertTrue(TcpVariant.parse("single").isSingle());
        TcpVariant wireguard = TcpVariant.parse("WireGuard");
        assertTrue(wireguard.isWireguard() && !wireguard.isSingle() && !wireguard.isMultilink());
        assertEquals("wireguard", wireguard.mode());
        assertEquals("-", wireguard.schedulerLabel());
        assertEquals(new TcpVariant("min-rtt", "drop"), TcpVariant.parse("min-rtt/drop"));
        assertEquals(new TcpVariant("min-rtt", "queue"), TcpVariant.parse("min-rtt"));
        assertEquals("multilink-queue", TcpVariant.parse("earliest-arrival/queue").mode());
        assertThrows(IllegalArgumentException.class, () -> TcpVariant.parse("min-rtt/later"));
        assertThrows(IllegalArgumentException.class, () -> TcpVariant.parse("/queue"));
        TcpVariant withKey = TcpVariant.parse("proportional/queue+repair-losses=false");
        assertEquals(List.of("repair-losses=false"), withKey.options());
        assertEquals("proportional-queue-repair-losses-false", withKey.label());
        assertThrows(IllegalArgumentException.class, () -> TcpVariant.parse("proportional/queue+nokey"));
    }

    @Test
    void bestSingleLinkIsTheFasterOrOnATieTheShorterDelay() {
        assertTrue(SCENARIO.bestIsA());
        assertTrue(!new TcpScenario(2, 8, 10, 10).bestIsA());
        assertTrue(!new TcpScenario(5, 5, 50, 10).bestIsA());
        assertEquals("8+2Mbit 10/100ms", SCENARIO.name());
        assertEquals("2500kbit", TcpScenario.tcRate(2.5));
    }

    @Test
    void scenarioSpecsMayAddRandomLossPerLink() {
        assertEquals(new TcpScenario(50, 50, 10, 50), TcpScenario.parse("50+50@10/50"));
        TcpScenario lossy = TcpScenario.parse("50+50@10/50~0/1.5");
        assertEquals(1.5, lossy.lossBPercent());
        assertEquals("50+50Mbit 10/50ms loss 0/1.5%", lossy.name());
        assertThrows(IllegalArgumentException.class, () -> TcpScenario.parse("50+50@10/50~0/100"));
        assertThrows(IllegalArgumentException.class, () -> TcpScenario.parse("50+50@10/50~1"));
    }

    @Test
    void scenarioSpecsMayAddJitterPerLink() {
        TcpScenario jittery = TcpScenario.parse("40+40@30/30^5/20~0.5/0.5");
        assertEquals(new TcpScenario(40, 40, 30, 30, 5, 20, 0.5, 0.5), jittery);
        assertEquals("40+40Mbit 30/30ms jitter 5/20ms loss 0.5/0.5%", jittery.name());
        assertEquals(new TcpScenario(5, 5, 10, 10, 2, 0, 0, 0), TcpScenario.parse("5+5@10/10^2/0"));
        assertThrows(IllegalArgumentException.class, () -> TcpScenario.parse("5+5@10/10^2"));
    }

    @Test
    void laterRunsOfADirectionAreNumbered() {
        List<String> directions = List.of("up", "up", "down", "up");
        assertEquals("up", TcpBench.directionLabel(directions, 0));
        assertEquals("up#2", TcpBench.directionLabel(directions, 1));
        assertEquals("down", TcpBench.directionLabel(directions, 2));
        assertEquals("up#3", TcpBench.directionLabel(directions, 3));
    }

    @Test
    void rowsAreComparedWithTheSingleLinkOfTheSameDirection() {
        List<TcpResult> results = TcpBench.withBaseline(List.of(
                new TcpResult(SCENARIO, "up", TcpVariant.SINGLE, 7.5, 3, Double.NaN),
                new TcpResult(SCENARIO, "down", TcpVariant.SINGLE, 5.0, 3, Double.NaN),
                new TcpResult(SCENARIO, "up", TcpVariant.parse("min-rtt/queue"), 9.0, 4, Double.NaN),
                new TcpResult(SCENARIO, "down", TcpVariant.parse("min-rtt/queue"), Double.NaN, 0, Double.NaN)));

        List<String> csv = TcpReport.csv(results).lines().toList();

        assertEquals(TcpReport.CSV_HEADER, csv.get(0));
        assertEquals("8+2Mbit 10/100ms,up,-,single,8,2,10,100,7.50,75.0,1.00,3", csv.get(1));
        assertEquals("8+2Mbit 10/100ms,up,min-rtt,multilink-queue,8,2,10,100,9.00,90.0,1.20,4", csv.get(3));
        assertEquals("8+2Mbit 10/100ms,down,min-rtt,multilink-queue,8,2,10,100,,,,0", csv.get(4), "a failed run stays empty");
        assertTrue(TcpReport.markdown(results, "cmd", "runs").contains("| 8+2Mbit 10/100ms | up | min-rtt | multilink-queue | 9.00 | 90.0 | 1.20 | 4 |"));
    }
}
