package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static dev.braid.core.login.LoginFixture.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.braid.core.crypto.CipherSuite;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Refused login attempts at any rate write at most a line and a summary per 10 s. */
class ServerLoginFloodLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ServerLogin.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void attach() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }

    @Test
    void aThousandRefusedHellosAreOneLineAndOneSummary() {
        LoginFixture fixture = new LoginFixture().withUser("alice", "correct horse");
        fixture.config = fixture.config.withMaxPendingHandshakes(1);
        fixture.exchange(client("alice", "x", CipherSuite.NONE).start(0), 0); // fills the one slot
        byte[] hello = client("bob", "x", CipherSuite.NONE).start(0);
        for (int i = 0; i < 1000; i++) {
            byte[] reply = fixture.exchange("10.0.0." + (i % 200), hello, i * SECOND / 1000);
            assertEquals(RejectReason.RATE_LIMITED.code(), reply[5]);
        }
        fixture.server().onTimeout(9 * SECOND); // the handshake lives 10 s, the window too
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.size(), lines.toString());
        fixture.server().onTimeout(10 * SECOND);
        lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("999 more HELLOs refused for too many pending handshakes in the last 10s: "
                + "10.0.0.0/24 999"), lines.get(1));
    }
}
