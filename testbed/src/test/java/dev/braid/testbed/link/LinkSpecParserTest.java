package dev.braid.testbed.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkSpecParserTest {

    private static final long MS = 1_000_000L;
    private final LinkSpecParser parser = new LinkSpecParser();

    @Test
    void rateSlashDelay() {
        DirectionSpec spec = parser.parseDirection("8mbit/50ms");
        assertEquals(8_000_000, spec.rateBitsPerSecond());
        assertEquals(50 * MS, spec.delayNanos());
        assertEquals(QueueLimit.UNLIMITED, spec.queueLimit());
        assertNull(spec.burstLoss());
        assertNull(spec.trace());
    }

    @Test
    void allOptions() {
        DirectionSpec spec = parser.parseDirection(
                "8mbit/50ms, jitter=2ms,loss=0.5%,queue=100ms,queue=64kib,reorder,ge=1%/30%,"
                        + "at=10s:down,at=12s:up,at=20s:rate=2mbit,at=1.5s:delay=80ms");
        assertEquals(2 * MS, spec.jitterNanos());
        assertEquals(0.005, spec.lossProbability(), 1e-12);
        assertEquals(new QueueLimit(65_536, 100 * MS), spec.queueLimit());
        assertTrue(spec.allowReorder());
        assertEquals(new GilbertElliott(0.01, 0.3, 1.0, 0.0), spec.burstLoss());
        assertEquals(List.of(
                new LinkEvent.DelayChange(1_500 * MS, 80 * MS),
                new LinkEvent.Down(10_000 * MS),
                new LinkEvent.Up(12_000 * MS),
                new LinkEvent.RateChange(20_000 * MS, 2_000_000)), spec.events());
    }

    /** Numbered table of accepted spellings: spec, rate bit/s, delay ns. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = ';', value = {
            "'';                     0;          0",
            "unlimited;              0;          0",
            "0/10ms;                 0;          10000000",
            "100kbit;                100000;     0",
            "1.5Mbit/0.5ms;          1500000;    500000",
            "1gbit/200us;            1000000000; 200000",
            "10mbps/1s;              10000000;   1000000000",
            "rate=3kbit,delay=7ns;   3000;       7",
    })
    void acceptedSpellings(String text, long rate, long delay) {
        DirectionSpec spec = parser.parseDirection(text);
        assertEquals(rate, spec.rateBitsPerSecond());
        assertEquals(delay, spec.delayNanos());
    }

    /** Numbered table of rejected specs and a word the message must contain. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = ';', value = {
            "8mbit/50;               a duration",
            "8/50ms;                 a rate",
            "8mbit/50ms,;            empty element",
            "8mbit/50ms,foo=1;       a known option",
            "8mbit/50ms,loss=120%;   probability",
            "8mbit/50ms,loss=abc;    a number",
            "8mbit/50ms,queue=10pkt; a size",
            "8mbit/50ms,at=10s;      at=TIME:ACTION",
            "8mbit/50ms,at=10s:boom; event action",
            "8mbit/50ms,ge=1%;       ge=P/R",
            "8mbit/50ms,ge=0/0;      must not both be 0",
            "-1mbit;                 non-negative",
            "8mbit/50ms,trace=/nonexistent/trace.txt; cannot read trace file",
    })
    void rejectedSpecsSayWhatIsWrong(String text, String expected) {
        LinkSpecException e = assertThrows(LinkSpecException.class, () -> parser.parseDirection(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("link spec '"), e.getMessage());
    }

    @Test
    void linkWithTwoDirectionsOrOneForBoth() {
        LinkSpec both = parser.parseLink("8mbit/10ms");
        assertEquals(both.up(), both.down());
        LinkSpec split = parser.parseLink("8mbit/10ms|2mbit/30ms");
        assertEquals(8_000_000, split.up().rateBitsPerSecond());
        assertEquals(30 * MS, split.down().delayNanos());
        assertThrows(LinkSpecException.class, () -> parser.parseLink("1mbit|2mbit|3mbit"));
    }

    @Test
    void traceFileIsReadRelativeToTheBaseDirectory(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("cell.trace"), List.of("1", "1", "2", "4"));
        DirectionSpec spec = new LinkSpecParser(dir).parseDirection("trace=cell.trace,delay=20ms");
        assertEquals(4, spec.trace().opportunitiesPerPeriod());
        assertEquals(4 * MS, spec.trace().periodNanos());
        assertEquals(20 * MS, spec.delayNanos());

        Files.write(dir.resolve("bad.trace"), List.of("5", "3"));
        LinkSpecException e = assertThrows(LinkSpecException.class,
                () -> new LinkSpecParser(dir).parseDirection("trace=bad.trace"));
        assertTrue(e.getMessage().contains("bad.trace:2"), e.getMessage());
    }

    @Test
    void standaloneRateAndDuration() {
        assertEquals(2_500_000, LinkSpecParser.parseRate("2.5mbit"));
        assertEquals(30_000 * MS, LinkSpecParser.parseDuration("30s"));
        assertThrows(LinkSpecException.class, () -> LinkSpecParser.parseDuration("30"));
    }
}
