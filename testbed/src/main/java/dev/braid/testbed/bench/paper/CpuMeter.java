package dev.braid.testbed.bench.paper;

import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU use over an interval: this JVM's CPU time (all its threads: proxy, client, emulators, CBR
 * generator) and, on Linux, how busy the whole machine was (from /proc/stat, so other processes
 * count too). Tells whether a real-time run was limited by the machine rather than by Braid.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /**
     * @param jvmCores     JVM CPU seconds per wall second (2.0 = two cores fully busy)
     * @param cores        processors available to the JVM
     * @param machineBusy  fraction of all CPUs busy (any process), NaN if unknown
     */
    record Usage(double jvmCores, int cores, double machineBusy) {
        /** The machine (not the protocol) is the likely limit: the CPUs were nearly all busy. */
        boolean saturated() {
            return machineBusy >= 0.9 || jvmCores >= 0.9 * cores;
        }
    }

    private final long wallStart;
    private final long cpuStart;
    private final long[] statStart;

    private CpuMeter() {
        wallStart = SystemClock.INSTANCE.nanos();
        cpuStart = processCpuNanos();
        statStart = procStat();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    Usage stop() {
        double wall = SystemClock.INSTANCE.nanos() - wallStart;
        double jvm = (processCpuNanos() - cpuStart) / Math.max(1, wall);
        long[] end = procStat();
        double busy = Double.NaN;
        if (statStart != null && end != null) {
            long total = end[0] - statStart[0];
            long idle = end[1] - statStart[1];
            busy = total <= 0 ? Double.NaN : 1.0 - (double) idle / total;
        }
        return new Usage(jvm, Runtime.getRuntime().availableProcessors(), busy);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** {total jiffies, idle + iowait jiffies} of the "cpu" line, or null. */
    private static long[] procStat() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is inside user
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
