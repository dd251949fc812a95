package dev.braid.testbed.bench.path;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Another load on the machine: a shell busy loop that keeps one core busy, bounded in time. */
final class CpuHog implements AutoCloseable {
    private final Process process;

    private CpuHog(Process process) {
        this.process = process;
    }

    static CpuHog start(long maxSeconds) throws IOException {
        return new CpuHog(new ProcessBuilder("timeout", String.valueOf(maxSeconds), "sh", "-c", "while :; do :; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
