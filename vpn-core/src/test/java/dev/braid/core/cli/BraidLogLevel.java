package dev.braid.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** For tests that set Braid's log level: reads it, and puts back what it was after each test. */
final class BraidLogLevel implements BeforeEachCallback, AfterEachCallback {
    private final Logger braid = (Logger) LoggerFactory.getLogger("dev.braid");
    private Level before;

    Level current() {
        return braid.getLevel();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = braid.getLevel();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        braid.setLevel(before);
    }
}
