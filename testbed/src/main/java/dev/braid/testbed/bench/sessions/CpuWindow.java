package dev.braid.testbed.bench.sessions;

import dev.braid.core.time.SystemClock;
import java.io.IOException;

/**
 * CPU over one phase, as % of one core: the proxy's whole process and its login thread, the
 * generator's whole process and its login workers. Which of them is near 100 % (per thread) or
 * near the cores (per process) tells who limits the login rate.
 */
final class CpuWindow {
    /** The proxy's login thread (ProxyLogin's lanes). */
    static final String PROXY_LOGIN_THREAD = "braid-login";
    /** The generator's SRP workers. */
    static final String GENERATOR_WORKERS = "gen-worker";

    /** Percentages of one core over the window. */
    record Usage(double seconds, double proxy, double proxyLoginThread, double generator, double generatorWorkers) {
        static final Usage NONE = new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final long proxyPid;
    private final long generatorPid;
    private final long startNanos;
    private final double proxy;
    private final double proxyLogin;
    private final double generator;
    private final double workers;

    private CpuWindow(long proxyPid, long generatorPid, long startNanos, double[] counters) {
        this.proxyPid = proxyPid;
        this.generatorPid = generatorPid;
        this.startNanos = startNanos;
        this.proxy = counters[0];
        this.proxyLogin = counters[1];
        this.generator = counters[2];
        this.workers = counters[3];
    }

    /** Opens a window now. */
    static CpuWindow open(long proxyPid, long generatorPid) throws IOException {
        return new CpuWindow(proxyPid, generatorPid, SystemClock.INSTANCE.nanos(), counters(proxyPid, generatorPid));
    }

    /** The same window with another proxy (the restarted one, counted from zero). */
    CpuWindow withProxy(long newProxyPid) {
        return new CpuWindow(newProxyPid, generatorPid, startNanos, new double[] {0, 0, generator, workers});
    }

    Usage close() throws IOException {
        double[] now = counters(proxyPid, generatorPid);
        double seconds = (SystemClock.INSTANCE.nanos() - startNanos) / 1e9;
        return new Usage(seconds, percent(now[0] - proxy, seconds), percent(now[1] - proxyLogin, seconds),
                percent(now[2] - generator, seconds), percent(now[3] - workers, seconds));
    }

    private static double[] counters(long proxyPid, long generatorPid) throws IOException {
        return new double[] {ProcessMeter.cpuSeconds(proxyPid), ProcessMeter.threadCpuSeconds(proxyPid, PROXY_LOGIN_THREAD),
                ProcessMeter.cpuSeconds(generatorPid), ProcessMeter.threadCpuSeconds(generatorPid, GENERATOR_WORKERS)};
    }

    private static double percent(double cpuSeconds, double seconds) {
        return seconds <= 0 ? Double.NaN : 100 * cpuSeconds / seconds;
    }
}
