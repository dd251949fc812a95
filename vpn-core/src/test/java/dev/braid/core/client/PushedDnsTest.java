package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.login.PushedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushed DNS through resolvectl (a recording stand-in here: systemd-resolved is the boundary). */
class PushedDnsTest {
    private static final PushedConfig PUSHED = new PushedConfig(List.of(),
            List.of(InetPrefix.parse("10.77.0.1/32").address(), InetPrefix.parse("fd00:77::1/128").address()),
            List.of("corp.example", "~."));

    @TempDir
    Path dir;

    @Test
    void serversAndDomainsAreSetOnTheTun() throws Exception {
        Path calls = dir.resolve("calls");
        Path resolvectl = dir.resolve("resolvectl");
        Files.writeString(resolvectl, "#!/bin/sh\necho \"$@\" >> " + calls + "\n");
        Files.setPosixFilePermissions(resolvectl, PosixFilePermissions.fromString("rwx------"));
        new PushedDns(resolvectl.toString()).apply("braid0", PUSHED);
        assertEquals(List.of("dns braid0 10.77.0.1 fd00:77:0:0:0:0:0:1", "domain braid0 corp.example ~."),
                Files.readAllLines(calls));
    }

    @Test
    void nothingPushedRunsNothing() {
        assertEquals(List.of(), new PushedDns("resolvectl").commands("braid0", PushedConfig.NONE));
    }

    @Test
    void withoutResolvectlItIsAWarning() throws InterruptedException {
        PushedDns dns = new PushedDns(dir.resolve("no-resolvectl").toString());
        dns.apply("braid0", PUSHED);
        dns.apply("braid0", PUSHED);
    }
}
