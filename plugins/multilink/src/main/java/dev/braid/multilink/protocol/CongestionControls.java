package dev.braid.multilink.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Congestion controls by name. Adding one = one class + one line in {@link #FACTORIES}. */
public final class CongestionControls {
    private static final Map<String, Function<MultilinkSettings, CongestionControl>> FACTORIES;

    static {
        Map<String, Function<MultilinkSettings, CongestionControl>> m = new LinkedHashMap<>();
        m.put(Ccid2.NAME, Ccid2::new);
        m.put(Ccid2.WESTWOOD_NAME, Ccid2::westwood);
        m.put(Bbr.NAME, Bbr::new);
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private CongestionControls() {
    }

    /** Known names in registration order. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * A new instance for one link.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static CongestionControl create(String name, MultilinkSettings settings) {
        Function<MultilinkSettings, CongestionControl> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "unknown congestion control '" + name + "'; known: " + names());
        }
        return f.apply(settings);
    }
}
