package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ccid2Test {
    private static final long MS = 1_000_000L;

    private static Ccid2 ccid2(MultilinkSettings.Builder b) {
        return (Ccid2) CongestionControls.create("ccid2", b.build());
    }

    /** Acks the given inclusive [hi, lo] ranges, ack number = first hi. */
    private static AckInfo ack(long delayNanos, long... ranges) {
        return new AckInfo(ranges[0], delayNanos, ranges);
    }

    private static void sendN(Ccid2 cc, long now, long from, int n) {
        for (long s = from; s < from + n; s++) {
            cc.onSent(now, s);
        }
    }

    @ParameterizedTest(name = "#{0}: MSS {1} -> IW {2}")
    @CsvSource({"1, 536, 4", "2, 1095, 4", "3, 1096, 3", "4, 1400, 3", "5, 2190, 3", "6, 2191, 2", "7, 9000, 2"})
    void initialWindowPerRfc3390(int no, int mss, int iw) {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(mss));
        assertEquals(iw, cc.cwnd());
        assertEquals(Integer.MAX_VALUE, cc.ssthresh());
        assertEquals(0, cc.pipe());
    }

    @Test
    void unknownNameListsKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CongestionControls.create("cubic", MultilinkSettings.defaults()));
        assertTrue(e.getMessage().contains("ccid2"), e.getMessage());
    }

    @Test
    void pipeLimitsSending() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        sendN(cc, 0, 0, 3);
        assertEquals(3, cc.pipe());
        assertFalse(cc.canSend());
        assertThrows(IllegalArgumentException.class, () -> cc.onSent(0, 7));
    }

    @Test
    void slowStartPlusOnePerAckedPacket() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        sendN(cc, 0, 0, 3);
        AckOutcome o = cc.onAck(50 * MS, ack(0, 2, 0));
        assertEquals(3, o.newlyAcked());
        assertEquals(6, cc.cwnd()); // doubled in one RTT
        assertEquals(0, cc.pipe());
    }

    @Test
    void slowStartLinuxStylePlusOnePerTwoAcked() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().slowStartAckedPerIncrement(2));
        sendN(cc, 0, 0, 3);
        cc.onAck(50 * MS, ack(0, 1, 0));
        assertEquals(4, cc.cwnd());
        cc.onAck(50 * MS, ack(0, 2, 2));
        assertEquals(4, cc.cwnd());
        sendN(cc, 60 * MS, 3, 4);
        cc.onAck(110 * MS, ack(0, 3, 3));
        assertEquals(4, cc.cwnd()); // one acked: not yet
        cc.onAck(110 * MS, ack(0, 4, 4));
        assertEquals(5, cc.cwnd());
    }

    @Test
    void congestionAvoidancePlusOnePerWindow() {
        // Plain CCID2: the RTT samples here (10..30 ms) would stop growth under the queue-delay rule.
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000).growthQueueDelayNanos(0)); // IW 4
        sendN(cc, 0, 0, 4);
        cc.onAck(10 * MS, ack(0, 3, 2)); // 0 and 1 still out; cwnd 4 + 2 = 6
        assertEquals(6, cc.cwnd());
        sendN(cc, 11 * MS, 4, 4);
        // 4 acked: 2, 3, 4 are three later acks for 0 and 1 -> both lost, one halving.
        AckOutcome o = cc.onAck(20 * MS, ack(0, 4, 2));
        assertEquals(2, o.lost());
        assertTrue(o.reduced());
        assertEquals(3, cc.cwnd()); // 6 + 1 = 7, halved to 3
        assertEquals(3, cc.ssthresh());
        // Congestion avoidance: +1 only after cwnd (3) packets acked, window kept full.
        cc.onAck(30 * MS, ack(0, 6, 5));
        assertEquals(3, cc.cwnd());
        sendN(cc, 30 * MS, 8, 2);
        cc.onAck(31 * MS, ack(0, 7, 7));
        assertEquals(4, cc.cwnd());
        sendN(cc, 31 * MS, 10, 2);
        cc.onAck(40 * MS, ack(0, 9, 8));
        assertEquals(4, cc.cwnd());
        sendN(cc, 40 * MS, 12, 2);
        cc.onAck(41 * MS, ack(0, 11, 10));
        assertEquals(5, cc.cwnd());
    }

    @Test
    void growthStopsWhileTheRttShowsAQueueAndResumesWhenItDrains() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000).growthQueueDelayNanos(10 * MS)); // IW 4
        sendN(cc, 0, 0, 4);
        cc.onAck(20 * MS, ack(0, 1, 0)); // sample 20 ms = min RTT; limit 20 + max(10, 5) = 30 ms
        assertEquals(6, cc.cwnd());
        sendN(cc, 20 * MS, 4, 4);
        cc.onAck(61 * MS, ack(0, 4, 2)); // grows on the previous sample (20 ms), then samples 41 ms
        assertEquals(9, cc.cwnd());
        sendN(cc, 61 * MS, 8, 4);
        cc.onAck(100 * MS, ack(0, 7, 5)); // latest sample 41 ms > 30 ms: queue building, no growth
        assertEquals(9, cc.cwnd()); // samples 100 - 20 = 80 ms
        cc.onAck(125 * MS, ack(0, 9, 8)); // samples 125 - 61 = 64 ms
        sendN(cc, 125 * MS, 12, 2);
        cc.onAck(150 * MS, ack(0, 11, 10)); // samples 89 ms
        sendN(cc, 150 * MS, 14, 4);
        cc.onAck(172 * MS, ack(0, 13, 12)); // samples 47 ms
        cc.onAck(193 * MS, ack(0, 15, 14)); // samples 43 ms
        sendN(cc, 193 * MS, 18, 4);
        cc.onAck(215 * MS, ack(0, 17, 16)); // samples 65 ms
        cc.onAck(216 * MS, ack(0, 19, 18)); // samples 216 - 193 = 23 ms: the queue drained
        assertEquals(9, cc.cwnd());
        sendN(cc, 216 * MS, 22, 7); // window full again (pipe 9)
        cc.onAck(217 * MS, ack(0, 21, 20)); // slow start resumes: +1 per acked packet
        assertEquals(11, cc.cwnd());
    }

    @Test
    void plainCcid2GrowsWhateverTheRtt() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000).growthQueueDelayNanos(0)); // IW 4
        sendN(cc, 0, 0, 4);
        cc.onAck(20 * MS, ack(0, 1, 0));
        sendN(cc, 20 * MS, 4, 4);
        cc.onAck(61 * MS, ack(0, 4, 2));
        sendN(cc, 61 * MS, 8, 4);
        cc.onAck(100 * MS, ack(0, 7, 5));
        assertEquals(12, cc.cwnd());
    }

    @Test
    void lostOnlyAfterThreeLaterPacketsAcked() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000)); // IW 4
        sendN(cc, 0, 0, 4);
        AckOutcome two = cc.onAck(10 * MS, ack(0, 2, 1));
        assertEquals(0, two.lost(), "two later acks are not enough");
        assertEquals(2, cc.pipe());
        AckOutcome three = cc.onAck(11 * MS, ack(0, 3, 1));
        assertEquals(1, three.lost());
        assertEquals(0, cc.pipe());
    }

    @Test
    void atMostOneReductionPerRtt() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000)); // IW 4
        sendN(cc, 0, 0, 4);
        cc.onAck(10 * MS, ack(0, 3, 3)); // cwnd 5
        sendN(cc, 10 * MS, 4, 4); // seqs 4..7
        // 0, 1 and 2 lost in the same window: one halving only.
        AckOutcome o = cc.onAck(20 * MS, ack(0, 6, 4, 3, 3));
        assertEquals(3, o.lost());
        assertTrue(o.reduced());
        int afterFirst = cc.cwnd();
        assertEquals(4, afterFirst); // 5 + 3 acked = 8 -> 4
        // 7 was sent before the reduction: its loss is ignored.
        sendN(cc, 21 * MS, 8, 4); // 8..11, sent after the reduction
        o = cc.onAck(30 * MS, ack(0, 10, 8));
        assertEquals(1, o.lost());
        assertFalse(o.reduced());
        // 11 was sent after the reduction: its loss halves again.
        sendN(cc, 31 * MS, 12, 3);
        o = cc.onAck(40 * MS, ack(0, 14, 12));
        assertEquals(1, o.lost());
        assertTrue(o.reduced());
    }

    @Test
    void cwndNeverBelowOneSsthreshNeverBelowTwo() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(9000)); // IW 2
        sendN(cc, 0, 0, 2);
        assertTrue(cc.onTimeout(cc.nextTimeoutNanos()));
        assertEquals(1, cc.cwnd());
        assertEquals(2, cc.ssthresh());
        cc.onSent(2000 * MS, 2);
        cc.onSent(2000 * MS, 3); // pipe 2 > cwnd 1 is the caller's business; state still valid
        sendN(cc, 2000 * MS, 4, 3);
        cc.onAck(2100 * MS, ack(0, 6, 4));
        assertTrue(cc.cwnd() >= 1);
        assertTrue(cc.ssthresh() >= 2);
    }

    /**
     * RFC 6298 §2 sequence with G = 1 ms and a floor low enough not to interfere.
     * Columns: sample, SRTT, RTTVAR, RTO (ms).
     */
    @Test
    void rtoFollowsRfc6298Table() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().minRtoNanos(1 * MS));
        assertEquals(1000 * MS, cc.rtoNanos(), "#1 initial RTO 1 s");
        long[][] table = {
                // sample ns, srtt ns, rttvar ns, rto ns
                {100 * MS, 100 * MS, 50 * MS, 300 * MS},                // #2 first: RTTVAR = R/2
                {200 * MS, 112_500_000, 62_500_000, 362_500_000},       // #3
                {100 * MS, 110_937_500, 50_000_000, 310_937_500},       // #4
                {110_937_500, 110_937_500, 37_500_000, 260_937_500},    // #5 no deviation
        };
        long now = 0;
        long seq = 0;
        for (long[] row : table) {
            cc.onSent(now, seq);
            now += row[0];
            cc.onAck(now, ack(0, seq, seq));
            seq++;
            assertEquals(row[1], cc.srttNanos(), "SRTT");
            assertEquals(row[2], cc.rttvarNanos(), "RTTVAR");
            assertEquals(row[3], cc.rtoNanos(), "RTO");
        }
    }

    @Test
    void rtoFloorGranularityAndAckDelay() {
        Ccid2 cc = ccid2(MultilinkSettings.builder()); // floor 200 ms
        cc.onSent(0, 0);
        cc.onAck(30 * MS, ack(10 * MS, 0, 0));
        assertEquals(20 * MS, cc.srttNanos(), "ack delay subtracted");
        assertEquals(200 * MS, cc.rtoNanos(), "20 + 4*10 = 60 ms, floored at 200 ms");
        Ccid2 g = ccid2(MultilinkSettings.builder().minRtoNanos(1000).clockGranularityNanos(1 * MS));
        g.onSent(0, 0);
        g.onAck(100_000, ack(0, 0, 0)); // 100 µs sample: 4*RTTVAR = 200 µs < G
        assertEquals(1_100_000, g.rtoNanos());
    }

    @Test
    void rttSampleOnlyFromAckNumberPacket() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        cc.onSent(0, 0);
        cc.onSent(40 * MS, 1);
        cc.onAck(100 * MS, ack(0, 1, 0));
        assertEquals(60 * MS, cc.srttNanos()); // from packet 1 only, not 100 ms from packet 0
        // An ack whose ack number was already acked gives no sample.
        cc.onSent(100 * MS, 2);
        cc.onAck(500 * MS, new AckInfo(1, 0, new long[] {1, 0}));
        assertEquals(60 * MS, cc.srttNanos());
    }

    @Test
    void timeoutBacksOffAndForgetsInFlight() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().mssBytes(1000).maxRtoNanos(2000 * MS)); // IW 4
        sendN(cc, 0, 0, 4);
        cc.onAck(100 * MS, ack(0, 1, 0)); // cwnd 6, rto 300 ms
        long rto = cc.rtoNanos();
        assertEquals(300 * MS, rto);
        assertEquals(100 * MS + rto, cc.nextTimeoutNanos());
        assertFalse(cc.onTimeout(100 * MS + rto - 1));
        assertTrue(cc.onTimeout(100 * MS + rto));
        assertEquals(1, cc.cwnd());
        assertEquals(3, cc.ssthresh()); // max(6/2, 2)
        assertEquals(0, cc.pipe());
        assertEquals(2 * rto, cc.rtoNanos());
        assertEquals(Long.MAX_VALUE, cc.nextTimeoutNanos(), "timer stopped while nothing is in flight");
        assertTrue(cc.canSend(), "one probe packet may go at once");
        // A late ack for forgotten packets changes nothing.
        assertEquals(0, cc.onAck(500 * MS, ack(0, 3, 2)).newlyAcked());
        cc.onSent(500 * MS, 4);
        assertFalse(cc.canSend());
        assertEquals(500 * MS + 2 * rto, cc.nextTimeoutNanos());
        assertTrue(cc.onTimeout(500 * MS + 2 * rto));
        assertEquals(4 * rto, cc.rtoNanos());
        cc.onSent(2000 * MS, 5);
        assertTrue(cc.onTimeout(cc.nextTimeoutNanos()));
        assertEquals(2000 * MS, cc.rtoNanos(), "capped at max RTO");
        // The probe gets through: a fresh sample replaces the backed-off value.
        cc.onSent(9000 * MS, 6);
        cc.onAck(9100 * MS, ack(0, 6, 6));
        assertTrue(cc.rtoNanos() < 1000 * MS);
        assertEquals(2, cc.cwnd()); // slow start from 1
    }

    @Test
    void idleRestartHalvesPerIdleRtoNotBelowInitialWindow() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        long now = 0;
        long seq = 0;
        // Grow cwnd to 12 with network-limited sending.
        while (cc.cwnd() < 12) {
            int n = cc.cwnd() - cc.pipe();
            sendN(cc, now, seq, n);
            seq += n;
            now += 100 * MS;
            cc.onAck(now, ack(0, seq - 1, seq - n));
        }
        assertEquals(12, cc.cwnd());
        assertEquals(0, cc.pipe());
        long rto = cc.rtoNanos();
        cc.onSent(now + 2 * rto + 1, seq); // idle for two RTOs
        assertEquals(3, cc.cwnd()); // 12 -> 6 -> 3 (= IW)
        assertEquals(Integer.MAX_VALUE, cc.ssthresh()); // max(ssthresh, 3/4 cwnd)
    }

    @Test
    void idleRestartKeepsLargerSsthreshAndOneHalvingPerRto() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        long now = 0;
        long seq = 0;
        while (cc.cwnd() < 16) {
            int n = cc.cwnd() - cc.pipe();
            sendN(cc, now, seq, n);
            seq += n;
            now += 100 * MS;
            cc.onAck(now, ack(0, seq - 1, seq - n));
        }
        // Force a finite ssthresh with a loss: 3 later acks.
        int n = cc.cwnd();
        sendN(cc, now, seq, n);
        now += 100 * MS;
        cc.onAck(now, ack(0, seq + n - 1, seq + 1));
        seq += n;
        int cwnd = cc.cwnd();
        assertTrue(cc.ssthresh() < Integer.MAX_VALUE);
        cc.onSent(now + cc.rtoNanos(), seq); // idle exactly one RTO
        assertEquals(Math.max(cwnd / 2, 3), cc.cwnd());
        assertEquals(Math.max(cwnd, cwnd / 2 + cwnd / 4), cc.ssthresh());
    }

    @Test
    void applicationLimitedForAnRtoShrinksTowardsUsedWindow() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        long now = 0;
        long seq = 0;
        while (cc.cwnd() < 20) {
            int n = cc.cwnd() - cc.pipe();
            sendN(cc, now, seq, n);
            seq += n;
            now += 100 * MS;
            cc.onAck(now, ack(0, seq - 1, seq - n));
        }
        int cwnd = cc.cwnd();
        long rto = cc.rtoNanos();
        // Now send one packet at a time (pipe never above 1) for longer than an RTO.
        long start = now;
        while (now - start <= rto + 100 * MS) {
            cc.onSent(now, seq);
            now += 50 * MS;
            cc.onAck(now, ack(0, seq, seq));
            seq++;
        }
        assertEquals((cwnd + 3) / 2, cc.cwnd(), "(cwnd + max(used, IW)) / 2");
    }

    @Test
    void noGrowthWhileApplicationLimited() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().windowValidation(false));
        for (long seq = 0; seq < 50; seq++) {
            cc.onSent(seq * 10 * MS, seq);
            cc.onAck(seq * 10 * MS + 5 * MS, ack(0, seq, seq));
        }
        assertEquals(3, cc.cwnd(), "one packet in flight never tests a window of 3");
    }

    @Test
    void noIdleRestartWhenValidationOff() {
        Ccid2 cc = ccid2(MultilinkSettings.builder().windowValidation(false));
        sendN(cc, 0, 0, 3);
        cc.onAck(100 * MS, ack(0, 2, 0));
        cc.onSent(100_000 * MS, 3);
        assertEquals(6, cc.cwnd());
    }

    @Test
    void historyStaysBounded() {
        Ccid2 cc = ccid2(MultilinkSettings.builder());
        long seq = 0;
        for (int round = 0; round < 2000; round++) {
            long now = round * 10 * MS;
            int n = cc.cwnd() - cc.pipe();
            sendN(cc, now, seq, n);
            seq += n;
            // ack everything but one packet per round (lost)
            cc.onAck(now + 5 * MS, ack(0, seq - 1, seq - n + 1));
            if (cc.cwnd() > 200) {
                break;
            }
        }
        assertTrue(cc.historySize() <= cc.cwnd() + Ccid2.NUMDUPACK, "history " + cc.historySize());
    }
}
