package dev.braid.natprobe;

import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.Durations;
import dev.braid.core.spi.ConfigReloader;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * nat-probe's intervals and counts apply at reload to every running link from its next step.
 * {@code proxy-liveness} is not among them: it decides whether a link has liveness probing at all.
 */
@Singleton
final class NatProbeReloader implements ConfigReloader {
    /** The reloadable keys of the section and how to read each. */
    private static final Map<String, Function<NatProbeConfig, Object>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("idle-interval", NatProbeConfig::getIdleInterval);
        VALUES.put("traffic-check-interval", NatProbeConfig::getTrafficCheckInterval);
        VALUES.put("suspect-after", NatProbeConfig::getSuspectAfter);
        VALUES.put("fast-interval", NatProbeConfig::getFastInterval);
        VALUES.put("down-after-missed", NatProbeConfig::getDownAfterMissed);
        VALUES.put("down-probe-interval", NatProbeConfig::getDownProbeInterval);
        VALUES.put("down-probe-max-interval", NatProbeConfig::getDownProbeMaxInterval);
    }

    private final LiveProbeSettings live;

    @Inject
    NatProbeReloader(LiveProbeSettings live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public Set<String> keys() {
        return VALUES.keySet().stream().map(key -> NatProbePlugin.CONFIG_SECTION + "." + key).collect(Collectors.toSet());
    }

    @Override
    public String what() {
        return "nat-probe's probe intervals";
    }

    /** The loader validated the section already (the same rules as at start), so this cannot fail. */
    @Override
    public String apply(ConfigDocument next) {
        NatProbeConfig before = live.config();
        NatProbeConfig after = section(next);
        live.set(after);
        List<String> changes = new ArrayList<>();
        VALUES.forEach((key, value) -> {
            Object old = value.apply(before);
            Object now = value.apply(after);
            if (!old.equals(now)) {
                changes.add(NatProbePlugin.CONFIG_SECTION + "." + key + " " + text(old) + " -> " + text(now));
            }
        });
        return String.join(", ", changes) + " (each link from its next probe)";
    }

    private static NatProbeConfig section(ConfigDocument document) {
        return document.section(NatProbePlugin.CONFIG_SECTION, NatProbeConfig.class);
    }

    private static String text(Object value) {
        return value instanceof Duration duration ? Durations.format(duration) : value.toString();
    }
}
