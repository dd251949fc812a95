package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml configures logback without a single error (else every process prints a stack trace and logs nothing). */
class LogbackConfigTest {

    @Test
    void theShippedConfigurationLoadsCleanly() throws Exception {
        URL resource = getClass().getClassLoader().getResource("logback.xml");
        assertNotNull(resource, "logback.xml on the class path");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(resource);
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN).toList();
        assertEquals(List.of(), errors);
        assertEquals(Level.toLevel(System.getenv().getOrDefault("BRAID_LOG_LEVEL", "INFO")), context.getLogger("dev.braid").getLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
    }
}
