package dev.braid.multilink.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Schedulers by name. Adding one = one class + one line in the static block. */
public final class Schedulers {
    private static final Map<String, Function<MultilinkSettings, Scheduler>> FACTORIES;

    static {
        Map<String, Function<MultilinkSettings, Scheduler>> m = new LinkedHashMap<>();
        m.put(MostFreeWindowScheduler.NAME, s -> new MostFreeWindowScheduler());
        m.put(RoundRobinScheduler.NAME, s -> new RoundRobinScheduler());
        m.put(WeightedScheduler.NAME, s -> new WeightedScheduler());
        m.put(MinRttScheduler.NAME, s -> new MinRttScheduler());
        m.put(ProportionalScheduler.NAME, s -> new ProportionalScheduler());
        m.put(EarliestArrivalScheduler.NAME, s -> new EarliestArrivalScheduler(s.linkQueuePackets()));
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private Schedulers() {
    }

    /** Known names in registration order. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * A new scheduler (one per sender: some keep state).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static Scheduler create(String name, MultilinkSettings settings) {
        Function<MultilinkSettings, Scheduler> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown scheduler '" + name + "'; known: " + names());
        }
        return f.apply(settings);
    }
}
