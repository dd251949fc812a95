package dev.braid.testbed.bench.paper;

import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.testbed.demo.LoopbackRun;
import dev.braid.testbed.scenario.LinkProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs cases in real time through the real data path ({@link LoopbackRun}: in-process proxy and
 * client, encryption, multilink, one link emulator per link on loopback), measuring the CPU.
 */
final class RealtimeEngine implements PaperEngine {
    /** Start-up (login) and drain of the packets in flight, roughly, for the ETA. */
    private static final double OVERHEAD_SECONDS = 2.5;

    private final long durationNanos;

    RealtimeEngine(long durationNanos) {
        this.durationNanos = durationNanos;
    }

    @Override
    public Measurement run(PaperCase c) throws Exception {
        List<LoopbackRun.Link> links = new ArrayList<>();
        for (LinkProfile p : c.links()) {
            links.add(new LoopbackRun.Link(p.rateBitsPerSecond(), p.rttNanos(), p.trace()));
        }
        CpuMeter cpu = CpuMeter.start();
        LoopbackRun.Result r = LoopbackRun.run(links, c.offeredBitsPerSecond(), c.durationNanos(durationNanos),
                MultilinkSettings.defaults().scheduler());
        CpuMeter.Usage usage = cpu.stop();
        return new Measurement(r.aggregateMbit(), r.inOrderMbit(), Double.NaN, r.binSeconds(), r.inOrderMbitPerBin(),
                r.aggregateMbitPerSecond(), r.elapsedSeconds(), r.elapsedSeconds(), usage, r.skipped());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "real time through the real data path on loopback, %.1f s per run",
                durationNanos / 1e9);
    }

    @Override
    public double expectedWallSeconds(PaperCase c) {
        return c.durationNanos(durationNanos) / 1e9 + OVERHEAD_SECONDS;
    }
}
