package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.DataSize;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCapLedgerTest {
    private static final LocalDate DEC_6 = LocalDate.of(2026, 12, 6);

    private static LinkConfig capped(String name, String cap, DataCapPeriod period) {
        LinkConfig link = LinkConfig.named(name);
        link.setDataCap(DataSize.parse(cap));
        link.setDataCapPeriod(period);
        return link;
    }

    @Test
    void aLinkIsCappedWhenItsCountReachesTheCap() {
        DataCapLedger ledger = new DataCapLedger(List.of(capped("lte", "1MB", DataCapPeriod.MONTH), LinkConfig.named("wired")),
                Map.of(), DEC_6);
        assertFalse(ledger.add("lte", 999_999, DEC_6));
        assertFalse(ledger.isCapped("lte"));
        assertTrue(ledger.add("lte", 1, DEC_6), "the cap reached flips it");
        assertTrue(ledger.isCapped("lte"));
        assertFalse(ledger.add("lte", 5000, DEC_6), "still capped: no change");
        assertFalse(ledger.hasCap("wired"));
        assertFalse(ledger.add("wired", 1_000_000_000, DEC_6), "a link without a cap is not counted");
        assertEquals("1.01 MB of 1MB this month (at the cap: backup until 2027-01-01)", ledger.describe("lte"));
    }

    @Test
    void aNewPeriodStartsTheCountAgain() {
        DataCapLedger ledger = new DataCapLedger(List.of(capped("lte", "1MB", DataCapPeriod.MONTH),
                capped("sat", "10kB", DataCapPeriod.DAY)), Map.of(), DEC_6);
        ledger.add("lte", 2_000_000, DEC_6);
        ledger.add("sat", 20_000, DEC_6);
        assertEquals(List.of("sat"), ledger.rollOver(DEC_6.plusDays(1)), "a day later only the daily cap starts again");
        assertTrue(ledger.isCapped("lte"));
        assertEquals(List.of("lte"), ledger.rollOver(LocalDate.of(2027, 1, 1)));
        assertEquals(new DataCapLedger.Usage(LocalDate.of(2027, 1, 1), 0), ledger.snapshot().get("lte"));
    }

    @Test
    void savedCountsOfTheCurrentPeriodAreKeptOthersForgotten() {
        Map<String, DataCapLedger.Usage> saved = Map.of(
                "lte", new DataCapLedger.Usage(LocalDate.of(2026, 12, 1), 700_000),
                "sat", new DataCapLedger.Usage(LocalDate.of(2026, 12, 5), 9_000));
        DataCapLedger ledger = new DataCapLedger(List.of(capped("lte", "1MB", DataCapPeriod.MONTH),
                capped("sat", "10kB", DataCapPeriod.DAY)), saved, DEC_6);
        assertEquals(700_000, ledger.snapshot().get("lte").bytes());
        assertEquals(0, ledger.snapshot().get("sat").bytes(), "yesterday's count");
        assertTrue(ledger.add("lte", 300_000, DEC_6));
    }

    @Test
    void changesAreReportedOnceForTheWriter() {
        DataCapLedger ledger = new DataCapLedger(List.of(capped("lte", "1MB", DataCapPeriod.MONTH)), Map.of(), DEC_6);
        assertFalse(ledger.takeChanged());
        ledger.add("lte", 10, DEC_6);
        assertTrue(ledger.takeChanged());
        assertFalse(ledger.takeChanged());
        ledger.add("lte", 0, DEC_6);
        assertFalse(ledger.takeChanged(), "nothing moved");
    }

    @Test
    void decimalSizesForOperators() {
        assertEquals("999 B", DataCapLedger.decimal(999));
        assertEquals("1.20 kB", DataCapLedger.decimal(1_200));
        assertEquals("45.6 MB", DataCapLedger.decimal(45_600_000));
        assertEquals("812 GB", DataCapLedger.decimal(812_000_000_000L));
    }
}
