package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessUsageTest {

    @Test
    void thisJvmsThreadsAddUpAndItsCpuTimeGrowsWithWork() throws IOException {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcessUsage before = ProcessUsage.of(pid);
        long spunFrom = threads.getCurrentThreadCpuTime();
        long sum = 0;
        // 200 ms of this thread's own CPU time, however long a busy machine makes that take.
        while (threads.getCurrentThreadCpuTime() - spunFrom < 200_000_000L) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        ProcessUsage after = ProcessUsage.of(pid);

        assertTrue(after.cpuNanosSince(before) >= 190_000_000L,
                "200 ms of spinning accounted as " + after.cpuNanosSince(before) + " ns (" + sum + ")");
        assertTrue(after.threads() >= 2, "a JVM has more than one thread: " + after.threads());
        assertTrue(after.rssKiB() > 10_000, "a JVM holds more than 10 MB: " + after.rssKiB() + " KiB");
    }

    @Test
    void aProcessCountsWithItsChildrenAndEndedOnesCountNothing(@TempDir Path proc) throws IOException {
        task(proc, 10, 11, "1000 5 3", "20");
        task(proc, 10, 12, "500 1 1", "");
        status(proc, 10, 2048);
        task(proc, 20, 20, "250 1 1", "21"); // 21 ended before it was read
        status(proc, 20, 1024);

        ProcessUsage usage = ProcessUsage.of(proc, 10);

        assertEquals(1750, usage.cpuNanos());
        assertEquals(3, usage.threads());
        assertEquals(3072, usage.rssKiB());
    }

    @Test
    void coresAreCpuTimeOverWallTime() {
        ProcessUsage earlier = new ProcessUsage(Map.of(1L, 1_000_000_000L), 0, 1);
        ProcessUsage later = new ProcessUsage(Map.of(1L, 1_500_000_000L), 0, 1);
        assertEquals(0.25, later.coresSince(earlier, 2_000_000_000L), 1e-9);
    }

    @Test
    void aThreadThatEndedBetweenSamplesNeverMakesTheUseNegative() {
        ProcessUsage earlier = new ProcessUsage(Map.of(1L, 100L, 2L, 5_000L), 0, 2);
        ProcessUsage later = new ProcessUsage(Map.of(1L, 300L, 3L, 50L), 0, 2); // 2 ended, 3 is new

        assertEquals(250, later.cpuNanosSince(earlier));
    }

    private static void task(Path proc, long pid, long tid, String schedstat, String children) throws IOException {
        Path task = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        Files.writeString(task.resolve("schedstat"), schedstat + "\n");
        Files.writeString(task.resolve("children"), children);
    }

    private static void status(Path proc, long pid, long rssKiB) throws IOException {
        Files.writeString(proc.resolve(pid + "/status"), "Name:\tjava\nVmRSS:\t  " + rssKiB + " kB\nThreads:\t2\n");
    }
}
