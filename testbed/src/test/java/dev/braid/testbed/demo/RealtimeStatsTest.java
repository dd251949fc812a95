package dev.braid.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The realtime stream's books in virtual time: percentiles, loss judged after the horizon, the sink, the targets. */
class RealtimeStatsTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    @Test
    void percentilesAreNearestRankOfTheSortedDelays() {
        // n, then p50 and p99 as 1-based ranks: ceil(0.5 n) and ceil(0.99 n).
        int[][] table = {
            {1, 1, 1},
            {2, 1, 2},
            {3, 2, 3},
            {50, 25, 50},
            {100, 50, 99},
            {1000, 500, 990},
        };
        for (int[] row : table) {
            int n = row[0];
            long[] delays = new long[n + 3];
            for (int i = 0; i < n; i++) {
                delays[i] = (n - i) * MS; // descending: of() sorts a copy
            }
            delays[n] = 999_999 * MS; // beyond count: ignored
            LatencyStats stats = LatencyStats.of(delays, n);
            assertEquals(n, stats.count());
            assertEquals(row[1], stats.p50Millis(), 1e-9, "p50 of " + n);
            assertEquals(row[2], stats.p99Millis(), 1e-9, "p99 of " + n);
            assertEquals(n, stats.maxMillis(), 1e-9, "max of " + n);
            assertEquals(n * MS, delays[0], "the caller's array is left as it was");
        }
        LatencyStats none = LatencyStats.of(new long[0], 0);
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.p50Millis()) && Double.isNaN(none.maxMillis()));
        assertEquals("no packets", none.describe());
        assertEquals("p50 2.0 p99 3.0 max 3.0 ms", LatencyStats.of(new long[] {3 * MS, MS, 2 * MS}, 3).describe());
    }

    @Test
    void eachIntervalHasItsArrivalsDelaysAndJudgesOnlyPacketsOlderThanTheHorizon() {
        RealtimeLedger ledger = new RealtimeLedger(SECOND);
        // 100 packets every 20 ms from t = 0; all but 7, 8 and 60 arrive 10 ms later, 50 is 120 ms late.
        for (int seq = 0; seq < 100; seq++) {
            long sent = seq * 20 * MS;
            ledger.sent(seq, sent);
            if (seq != 7 && seq != 8 && seq != 60) {
                ledger.arrived(seq, sent, sent + (seq == 50 ? 120 : 10) * MS);
            }
        }
        ledger.arrived(3, 3 * 20 * MS, 100 * SECOND); // a second copy: never counted again

        RealtimeLedger.Interval first = ledger.interval(SECOND);
        assertEquals(97, first.delay().count(), "every unique arrival so far");
        assertEquals(10, first.delay().p50Millis(), 1e-9);
        assertEquals(120, first.delay().p99Millis(), 1e-9, "rank ceil(0.99 * 97) = 97: below 101 packets p99 is the worst");
        assertEquals(120, first.delay().maxMillis(), 1e-9);
        assertEquals(1, first.judged(), "only the packet sent at 0 is a second old");
        assertEquals(0, first.lost());

        RealtimeLedger.Interval second = ledger.interval(SECOND + 200 * MS);
        assertEquals(0, second.delay().count(), "nothing new arrived");
        assertEquals(10, second.judged(), "sent at 20..200 ms");
        assertEquals(2, second.lost(), "7 and 8");

        RealtimeLedger.Interval last = ledger.finish();
        assertEquals(89, last.judged(), "the rest, however young");
        assertEquals(1, last.lost(), "60");
        assertEquals(100, ledger.sent());
        assertEquals(97, ledger.delivered());
        assertEquals(3, ledger.lost());
        assertEquals(1, ledger.duplicates());
        assertEquals(0, ledger.finish().judged(), "judged once");

        LatencyStats fromSecondHalf = ledger.delaysSentFrom(50 * 20 * MS);
        assertEquals(49, fromSecondHalf.count(), "50..99 without 60");
        assertEquals(120, fromSecondHalf.maxMillis(), 1e-9);
        assertEquals(new RealtimeLedger.Loss(50, 1), ledger.lossSentFrom(50 * 20 * MS), "60 of 50..99");
        assertEquals(3, ledger.lossSentFrom(0).lost());
        assertEquals(2.0, ledger.lossSentFrom(50 * 20 * MS).percent(), 1e-9);
        long[][] trace = ledger.trace();
        assertEquals(97, trace[0].length);
        assertEquals(10 * MS, trace[1][0]);
    }

    @Test
    void skippedSequenceNumbersAreNeitherSentNorLost() {
        RealtimeLedger ledger = new RealtimeLedger(SECOND);
        ledger.sent(0, 0);
        ledger.sent(5, 20 * MS); // the generator stalled and skipped 1..4
        ledger.arrived(5, 20 * MS, 30 * MS);
        RealtimeLedger.Interval all = ledger.finish();
        assertEquals(2, all.judged());
        assertEquals(1, all.lost(), "only 0");
    }

    @Test
    void theSinkBooksItsPortAndPassesEveryOtherPacketOn() {
        AtomicLong now = new AtomicLong(50 * MS);
        RealtimeLedger ledger = new RealtimeLedger(SECOND);
        List<ByteBuf> others = new ArrayList<>();
        LatencySink sink = new LatencySink(now::get, ledger, DemoRun.REALTIME_PORT, others::add);
        ledger.sent(4, 42 * MS);
        ByteBuf voice = CbrPackets.build(ALLOC, 1, 2, DemoRun.REALTIME_PORT, 4, 42 * MS, DemoRun.realtimePacketBytes());
        ByteBuf bulk = CbrPackets.build(ALLOC, 1, 2, 77, 1400);
        sink.accept(voice);
        sink.accept(bulk);
        assertEquals(0, voice.refCnt(), "the sink releases its own packets");
        assertEquals(List.of(bulk), others);
        assertEquals(1, bulk.refCnt(), "the next consumer owns the rest");
        bulk.release();
        LatencyStats delay = ledger.interval(now.get()).delay();
        assertEquals(1, delay.count());
        assertEquals(8, delay.p50Millis(), 1e-9, "arrived at 50 ms, stamped 42 ms");
        assertEquals(188, DemoRun.realtimePacketBytes(), "160 bytes of payload behind IPv4 and UDP");
    }

    @Test
    void theFlowLineGivesTheStreamsLinkClassAndCopies() {
        String proxy = """
                session 1a2b (demo, 10.77.0.2)  path multilink  last heard 3 ms ago
                  flows: tracked 2 of 1024 (realtime 1 bulk 1) created 2 expired 0 overflow-packets 0 redundant-refused 0
                  flow 1: udp 198.51.100.10:9 > 10.77.0.2:9 bulk 9100.4 kbit/s 8000 packets mean 1400 B link link1
                  flow 2: udp 198.51.100.10:5004 > 10.77.0.2:5004 realtime 75.2 kbit/s 250 packets mean 188 B link link0 copies 12
                  flow 3: overflow bulk 0.0 kbit/s 0 packets mean 0 B
                """;
        StatusText status = StatusText.parse(proxy);
        StatusText.FlowRow voice = status.flow(DemoRun.realtimeTuple(0x0a4d0002));
        assertNotNull(voice);
        assertEquals("realtime", voice.flowClass());
        assertEquals("link0", voice.link());
        assertEquals(12, voice.copies());
        StatusText.FlowRow bulk = status.flow("udp 198.51.100.10:9 > 10.77.0.2:9");
        assertEquals("link1", bulk.link());
        assertEquals(0, bulk.copies());
        assertNull(status.flow("overflow").link());
        assertNull(status.flow("udp 198.51.100.10:5005 > 10.77.0.2:5005"));

        RealtimeSampler sampler = new RealtimeSampler(new RealtimeLedger(SECOND), DemoRun.realtimeTuple(0x0a4d0002));
        assertEquals(12, sampler.take(0, status).copies());
        Sample.RealtimeSample again = sampler.take(SECOND, status);
        assertEquals(0, again.copies(), "copies per interval");
        Sample.RealtimeSample gone = sampler.take(2 * SECOND, StatusText.parse(""));
        assertEquals("-", gone.link());
        assertEquals(0, gone.copies());
    }

    @Test
    void theViewShowsTheRealtimeStreamOnlyWhenThereIsOne() {
        List<DemoLink> links = List.of(DemoLink.parse("8mbit/10ms"), DemoLink.parse("2mbit/100ms"));
        List<Sample.LinkSample> perLink = List.of(new Sample.LinkSample(8, 50, 40, 1, 80, 0),
                new Sample.LinkSample(2, 40, 120, 0, 20, 0));
        Sample bulkOnly = new Sample(3, perLink, 9.6, 9.2, 20, 5, null);
        LiveView plain = new LiveView(new DemoSettings(links, SECOND, "most-free-window", 10_000_000, 1400,
                Path.of("."), false, false), new PrintWriter(Writer.nullWriter()));
        assertTrue(plain.block(bulkOnly).stream().noneMatch(l -> l.contains("realtime")));
        assertTrue(!plain.line(bulkOnly).contains("realtime"));

        Sample withVoice = new Sample(3, perLink, 9.6, 9.2, 20, 5, new Sample.RealtimeSample(
                new LatencyStats(50, 7.5, 12.25, 12.25), 50, 1, "link0", "realtime", 3));
        LiveView view = new LiveView(new DemoSettings(links, SECOND, "most-free-window", 10_000_000, 1400,
                Path.of("."), false, true), new PrintWriter(Writer.nullWriter()));
        List<String> block = view.block(withVoice);
        assertEquals(plain.block(bulkOnly), block.subList(0, block.size() - 1), "the bulk figures as they were");
        assertEquals("  realtime 160 B/20 ms on link0 (realtime): one-way p50 7.5 p99 12.3 max 12.3 ms "
                + "(fast link 5.0 ms)  lost 1 of 50  copies 3", block.get(block.size() - 1));
        assertTrue(view.line(withVoice).startsWith(plain.line(bulkOnly)));
        assertTrue(view.line(withVoice).endsWith(
                " | realtime on link0 p50 7.5 p99 12.3 max 12.3 ms (fast link 5.0 ms) lost 1/50 copies 3"));
    }

    @Test
    void targetsAreTheFastLinksOneWayDelayPlus15And30Ms() {
        LatencyStats good = new LatencyStats(500, 12.0, 34.9, 60);
        assertEquals("p50 12.0 <= 20.0 ms met, p99 34.9 <= 35.0 ms met, loss 0.10 <= 0.1 % met",
                RealtimeTargets.verdict(good, 0.1, 5));
        LatencyStats bad = new LatencyStats(500, 21.0, 35.1, 60);
        assertEquals("p50 21.0 <= 20.0 ms MISSED, p99 35.1 <= 35.0 ms MISSED, loss 0.20 <= 0.1 % MISSED",
                RealtimeTargets.verdict(bad, 0.2, 5));
        assertTrue(RealtimeTargets.verdict(LatencyStats.NONE, 0, 5).contains("NaN <= 20.0 ms MISSED"),
                "no packets is no evidence");
    }
}
