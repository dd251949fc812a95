package dev.braid.multilink.adapter;

import static java.util.Objects.requireNonNull;

import dev.braid.core.spi.DataPath;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.SessionContext;
import dev.braid.multilink.LiveScheduler;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.protocol.DataHeader;
import jakarta.inject.Inject;
import java.util.Set;

/** Makes the {@code multilink} data path of each session from the {@code multilink:} config. */
public final class MultilinkDataPathFactory implements DataPathFactory {
    public static final String NAME = "multilink";
    /** CONTROL code of a per-link ack (receiver -> sender of that link). */
    public static final int ACK = 0x20;

    private final MultilinkConfig config;
    private final LiveScheduler scheduler;

    @Inject
    public MultilinkDataPathFactory(MultilinkConfig config, LiveScheduler scheduler) {
        this.config = requireNonNull(config);
        this.scheduler = requireNonNull(scheduler);
    }

    /** Without reloads: the scheduler stays the config's. */
    public MultilinkDataPathFactory(MultilinkConfig config) {
        this(config, new LiveScheduler(config));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Integer> controlTypes() {
        return Set.of(ACK);
    }

    @Override
    public int dataHeaderBytes() {
        return DataHeader.SIZE;
    }

    @Override
    public DataPath create(SessionContext session) {
        return new MultilinkDataPath(session, config.toSettings(), config.weightsByLinkName(), scheduler);
    }
}
