package dev.braid.testbed.bench.sessions;

import dev.braid.testbed.netns.Netns;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process costs, from outside: resident memory ({@code /proc/PID/status} VmRSS), CPU time
 * ({@code /proc/PID/stat} utime + stime) and, for a JVM, the heap still used after a full GC
 * ({@code jcmd PID GC.run}, then {@code GC.heap_info}).
 */
final class ProcessMeter {
    /** USER_HZ: the unit of utime and stime on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private ProcessMeter() {}

    static long rssKiB(long pid) throws IOException {
        Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(m.group(1));
    }

    /** User plus system CPU seconds the process used so far (all its threads). */
    static double cpuSeconds(long pid) throws IOException {
        return cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    private static double cpuSecondsOf(String stat) {
        // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** CPU seconds of the process's threads named {@code threadName} (their {@code comm}, at most 15 characters). */
    static double threadCpuSeconds(long pid, String threadName) throws IOException {
        double seconds = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(threadName)) {
                        seconds += cpuSecondsOf(Files.readString(task.resolve("stat")));
                    }
                } catch (NoSuchFileException e) {
                    // the thread ended between listing and reading
                }
            }
        }
        return seconds;
    }

    /** The JVM's heap in use after a full GC, in KiB; -1 when jcmd is missing or fails. */
    static long liveHeapKiB(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        String id = Long.toString(pid);
        Netns.Result gc = Netns.execute(Duration.ofSeconds(60), List.of(jcmd.toString(), id, "GC.run"));
        Netns.Result info = Netns.execute(Duration.ofSeconds(30), List.of(jcmd.toString(), id, "GC.heap_info"));
        return gc.ok() && info.ok() ? heapUsedKiB(info.output()) : -1;
    }

    /** The heap's "used" of {@code GC.heap_info}: G1's one heap line, or the sum of the generations (Serial, Parallel). */
    static long heapUsedKiB(String heapInfo) {
        long sum = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            boolean heapLine = line.contains("garbage-first heap") || line.contains("generation")
                    || line.contains("PSYoungGen") || line.contains("ParOldGen");
            Matcher m = USED.matcher(line);
            if (heapLine && m.find()) {
                sum += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /** The 1-minute load average of the machine. */
    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
