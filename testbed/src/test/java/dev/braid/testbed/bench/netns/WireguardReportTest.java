package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireguardReportTest {

    @Test
    void ratiosAreToWireguardGoOfTheSameRun() {
        List<TunnelResult> results = List.of(
                new TunnelResult("braid none", 300, 5, 200, 40),
                TunnelResult.failed("braid aes-256-gcm"),
                new TunnelResult("wireguard-go", 400, 7, 250, 30));

        List<String> csv = WireguardReport.csv(results, "600M").lines().toList();

        assertEquals(WireguardReport.CSV_HEADER, csv.get(0));
        assertEquals("braid none,300.0,5,0.75,600M,200.0,40.00,0.80", csv.get(1));
        assertEquals("braid aes-256-gcm,,0,,600M,,,", csv.get(2), "a failed run stays empty");
        assertEquals("wireguard-go,400.0,7,1.00,600M,250.0,30.00,1.00", csv.get(3));
        assertTrue(WireguardReport.markdown(results, "600M", "cmd").contains("| braid none | 300.0 | 0.75 | 200.0 | 40.00 | 0.80 |"));
    }
}
