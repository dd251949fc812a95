package dev.braid.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Edge cases in the order of wireguard-go's replay/replay_test.go (itself from the Linux kernel
 * self-test): 128 blocks, window 8128, limit 2^64 - 2^13 - 1.
 */
class ReplayWindowTest {

    private static final long REJECT_AFTER = -(1L << 13) - 1; // 2^64 - 2^13 - 1 as unsigned
    private static final long WINDOW = 8128;
    private static final long T_LIM = WINDOW + 1;

    private ReplayWindow window = newWindow();
    private int testNumber;
    private String phase = "table";

    private static ReplayWindow newWindow() {
        return new ReplayWindow(128, REJECT_AFTER);
    }

    private void t(long counter, boolean expected) {
        testNumber++;
        assertEquals(expected, window.accept(counter),
                phase + " #" + testNumber + " counter " + Long.toUnsignedString(counter));
    }

    private void bulk(String name) {
        window = newWindow();
        phase = name;
        testNumber = 0;
    }

    @Test
    void windowSizeOfDefault() {
        assertEquals(WINDOW, new ReplayWindow().windowSize());
    }

    @Test
    void numberedTable() {
        t(0, true);                          //  1 first packet, counter 0
        t(1, true);                          //  2
        t(1, false);                         //  3 duplicate
        t(9, true);                          //  4 jump ahead
        t(8, true);                          //  5 late but new
        t(7, true);                          //  6
        t(7, false);                         //  7 duplicate of a late one
        t(T_LIM, true);                      //  8 window edge moves up
        t(T_LIM - 1, true);                  //  9
        t(T_LIM - 1, false);                 // 10
        t(T_LIM - 2, true);                  // 11
        t(2, true);                          // 12 exactly at the far edge
        t(2, false);                         // 13
        t(T_LIM + 16, true);                 // 14
        t(3, false);                         // 15 now beyond the window
        t(T_LIM + 16, false);                // 16
        t(T_LIM * 4, true);                  // 17 large jump, ring wraps
        t(T_LIM * 4 - (T_LIM - 1), true);    // 18 oldest still inside
        t(10, false);                        // 19 long gone
        t(T_LIM * 4 - T_LIM, false);         // 20 one past the edge
        t(T_LIM * 4 - (T_LIM + 1), false);   // 21
        t(T_LIM * 4 - (T_LIM - 2), true);    // 22
        t(T_LIM * 4 + 1 - T_LIM, false);     // 23 already seen (18)
        t(0, false);                         // 24 counter 0 again
        t(REJECT_AFTER, false);              // 25 at the limit
        t(REJECT_AFTER - 1, true);           // 26 huge jump just below the limit
        t(REJECT_AFTER, false);              // 27
        t(REJECT_AFTER - 1, false);          // 28
        t(REJECT_AFTER - 2, true);           // 29
        t(REJECT_AFTER + 1, false);          // 30 above the limit
        t(REJECT_AFTER + 2, false);          // 31
        t(REJECT_AFTER - 2, false);          // 32
        t(REJECT_AFTER - 3, true);           // 33
        t(0, false);                         // 34 far behind
    }

    @Test
    void bulkFillsAndRingWraps() {
        bulk("bulk 1");
        for (long i = 1; i <= WINDOW; i++) {
            t(i, true);
        }
        t(0, true);
        t(0, false);

        bulk("bulk 2");
        for (long i = 2; i <= WINDOW + 1; i++) {
            t(i, true);
        }
        t(1, true);
        t(0, false);

        bulk("bulk 3");
        for (long i = WINDOW + 1; i > 0; i--) {
            t(i, true);
        }

        bulk("bulk 4");
        for (long i = WINDOW + 2; i > 1; i--) {
            t(i, true);
        }
        t(0, false);

        bulk("bulk 5");
        for (long i = WINDOW; i > 0; i--) {
            t(i, true);
        }
        t(WINDOW + 1, true);
        t(0, false);

        bulk("bulk 6");
        for (long i = WINDOW; i > 0; i--) {
            t(i, true);
        }
        t(0, true);
        t(WINDOW + 1, true);
    }

    @Test
    void smallerWindowIsConfigurable() {
        window = new ReplayWindow(2, ReplayWindow.NO_LIMIT); // covers 64 counters
        assertEquals(64, window.windowSize());
        phase = "small";
        t(100, true);
        t(36, true);   // 100 - 64
        t(35, false);  // beyond
        t(-2L, true);  // 2^64 - 2 accepted without a limit
        t(-1L, false); // 2^64 - 1 never
    }
}
