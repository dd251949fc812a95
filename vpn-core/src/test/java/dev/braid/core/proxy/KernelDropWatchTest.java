package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.net.KernelUdpErrors;
import org.junit.jupiter.api.Test;

/** The warning about datagrams the kernel lost, in virtual time. */
class KernelDropWatchTest {
    private static final long S = 1_000_000_000L;

    @Test
    void whatWasLostBeforeTheProxyStartedIsNotReported() {
        KernelDropWatch watch = new KernelDropWatch();
        assertNull(watch.sample(new KernelUdpErrors(40, 9000), 0));
        assertNull(watch.sample(new KernelUdpErrors(40, 9000), 5 * S));
    }

    @Test
    void failedSendsAreReportedAtOnceWithTheNeighbourTableHint() {
        KernelDropWatch watch = new KernelDropWatch();
        watch.sample(new KernelUdpErrors(0, 100), 0);
        String warning = watch.sample(new KernelUdpErrors(0, 2100), 5 * S);
        assertNotNull(warning);
        assertTrue(warning.contains("2000 sends failed (Udp SndbufErrors)"), warning);
        assertTrue(warning.contains("gc_thresh3"), warning);
        assertTrue(!warning.contains("RcvbufErrors"), warning);
    }

    @Test
    void furtherLossesAreSummedIntoOneWarningPerWindow() {
        KernelDropWatch watch = new KernelDropWatch();
        watch.sample(KernelUdpErrors.NONE, 0);
        assertNotNull(watch.sample(new KernelUdpErrors(1, 0), 5 * S));
        long t = 5 * S;
        for (int i = 1; i <= 11; i++) { // 55 s of losses, every 5 s: within the window, silent
            t += 5 * S;
            assertNull(watch.sample(new KernelUdpErrors(1 + i, 10L * i), t), "at " + t / S + " s");
        }
        String summary = watch.sample(new KernelUdpErrors(13, 120), t + 5 * S);
        assertNotNull(summary, "one line once the window is over");
        assertTrue(summary.contains("120 sends failed") && summary.contains("12 arrived to a full receive buffer"),
                summary);
        assertNull(watch.sample(new KernelUdpErrors(13, 120), t + 70 * S), "nothing new, nothing said");
    }
}
