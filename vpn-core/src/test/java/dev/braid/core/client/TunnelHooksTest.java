package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** on-up and on-down run by the real /bin/sh with the tunnel's facts in their environment. */
class TunnelHooksTest {
    private static final TunnelHooks.Facts FACTS = new TunnelHooks.Facts("braid0", "alice", "192.0.2.1:7600",
            "10.77.0.5/24", "fd00:77::5/64", 1400, List.of("0.0.0.0/1", "128.0.0.0/1"), List.of("10.77.0.1"),
            List.of("corp.example"));

    @TempDir
    Path dir;

    @Test
    void onUpAndOnDownSeeTheTunnelsFacts() throws Exception {
        Path up = dir.resolve("up");
        Path down = dir.resolve("down");
        TunnelHooks hooks = new TunnelHooks("env | grep ^BRAID_ | sort > " + up, "echo down $BRAID_TUN $BRAID_ADDRESS >> " + down);
        hooks.up(FACTS);
        assertEquals(List.of("BRAID_ADDRESS6=fd00:77::5/64", "BRAID_ADDRESS=10.77.0.5/24", "BRAID_DNS=10.77.0.1",
                "BRAID_DOMAINS=corp.example", "BRAID_MTU=1400",
                "BRAID_PROXY=192.0.2.1:7600", "BRAID_ROUTES=0.0.0.0/1 128.0.0.0/1", "BRAID_TUN=braid0", "BRAID_USER=alice"),
                Files.readAllLines(up));
        hooks.down();
        hooks.down();
        assertEquals(List.of("down braid0 10.77.0.5/24"), Files.readAllLines(down), "on-down once for the TUN that was up");
    }

    @Test
    void aFailingCommandIsAWarningNotAnError() throws InterruptedException {
        new TunnelHooks("exit 3", "").up(FACTS);
        new TunnelHooks("/nonexistent/command", "").up(FACTS);
    }

    @Test
    void aCommandThatHangsIsKilledAfterTheTimeout() throws InterruptedException, IOException {
        Path after = dir.resolve("after");
        new TunnelHooks("sleep 30; touch " + after, "", Duration.ofMillis(200)).up(FACTS);
        assertFalse(Files.exists(after), "killed before it got there");
    }

    @Test
    void noCommandsRunNothing() throws InterruptedException {
        TunnelHooks hooks = new TunnelHooks("", "");
        hooks.up(FACTS);
        hooks.down();
    }
}
