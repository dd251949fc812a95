package dev.braid.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's leak reports (ERROR lines of {@code io.netty.util.ResourceLeakDetector}).
 * Installed by logback-test.xml, so it is in place before the first buffer is allocated, whatever
 * test runs first.
 */
public final class LeakRecordingAppender extends AppenderBase<ILoggingEvent> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK")) {
            LEAKS.add(event.getFormattedMessage());
        }
    }

    static boolean isEmpty() {
        return LEAKS.isEmpty();
    }

    /** @return the leaks recorded so far, forgetting them */
    static List<String> drain() {
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.removeAll(found);
        return found;
    }
}
