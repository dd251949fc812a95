package dev.braid.testbed.bench.netns;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a process and its descendants have used so far: CPU time of all their threads as the
 * scheduler accounts it ({@code /proc/PID/task/TID/schedstat}, nanoseconds, not clock ticks), and
 * now their resident memory and threads. CPU time is kept per thread, so a thread that ends
 * between two samples takes its time out of neither (it is missed, never counted negative).
 */
public record ProcessUsage(Map<Long, Long> taskCpuNanos, long rssKiB, int threads) {
    static final ProcessUsage NONE = new ProcessUsage(Map.of(), 0, 0);

    public ProcessUsage {
        taskCpuNanos = Map.copyOf(taskCpuNanos);
    }

    static ProcessUsage of(Path proc, long pid) throws IOException {
        Map<Long, Long> cpu = new HashMap<>();
        long rss = 0;
        int threads = 0;
        Deque<Long> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            long p = todo.poll();
            if (!seen.add(p)) {
                continue;
            }
            Path dir = proc.resolve(Long.toString(p));
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
                for (Path task : tasks) {
                    cpu.put(Long.parseLong(task.getFileName().toString()), firstNumber(task.resolve("schedstat")));
                    threads++;
                    for (String child : readOrEmpty(task.resolve("children")).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            todo.add(Long.parseLong(child));
                        }
                    }
                }
                rss += statusKiB(readOrEmpty(dir.resolve("status")), "VmRSS:");
            } catch (NoSuchFileException e) {
                // the process ended between the listing and the read: nothing more to count
            }
        }
        return new ProcessUsage(cpu, rss, threads);
    }

    /** Usage of the live process {@code pid} from the real {@code /proc}. */
    public static ProcessUsage of(long pid) throws IOException {
        return of(Path.of("/proc"), pid);
    }

    /** CPU time of the threads alive at this sample. */
    long cpuNanos() {
        return taskCpuNanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This sample plus {@code other} (two processes of one tunnel end, or both ends). */
    ProcessUsage plus(ProcessUsage other) {
        Map<Long, Long> cpu = new HashMap<>(taskCpuNanos);
        cpu.putAll(other.taskCpuNanos);
        return new ProcessUsage(cpu, rssKiB + other.rssKiB, threads + other.threads);
    }

    /** CPU time the threads alive at this sample used since {@code earlier} (new threads: all of theirs). */
    long cpuNanosSince(ProcessUsage earlier) {
        long used = 0;
        for (Map.Entry<Long, Long> task : taskCpuNanos.entrySet()) {
            used += Math.max(0, task.getValue() - earlier.taskCpuNanos.getOrDefault(task.getKey(), 0L));
        }
        return used;
    }

    /** Cores kept busy between {@code earlier} and this sample, {@code wallNanos} apart. */
    double coresSince(ProcessUsage earlier, long wallNanos) {
        return cpuNanosSince(earlier) / (double) wallNanos;
    }

    private static long firstNumber(Path file) throws IOException {
        String text = readOrEmpty(file).trim();
        int end = text.indexOf(' ');
        return text.isEmpty() ? 0 : Long.parseLong(end < 0 ? text : text.substring(0, end));
    }

    static long statusKiB(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static String readOrEmpty(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
