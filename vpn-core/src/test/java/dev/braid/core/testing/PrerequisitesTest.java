package dev.braid.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The rule: only a non-root run without CI=true may skip; every other run fails, naming what is missing. */
class PrerequisitesTest {
    private static final Prerequisites DEVELOPER = new Prerequisites(false, false, tool -> false);
    private static final Prerequisites ROOT = new Prerequisites(true, false, tool -> false);
    private static final Prerequisites CI_USER = new Prerequisites(false, true, tool -> false);

    @Test
    void aNonRootRunOutsideCiSkipsSayingWhy() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> DEVELOPER.tools("conntrack"));
        assertEquals("needs `conntrack` on the PATH (apt-get install conntrack); skipped because this run is neither "
                + "root nor CI=true", e.getMessage());
        assertThrows(TestAbortedException.class, () -> DEVELOPER.root("creates TUN devices"));
    }

    @Test
    void asRootAMissingToolFailsNamingItAndItsPackage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ROOT.tools("ping"));
        assertEquals("needs `ping` on the PATH (apt-get install iputils-ping): as root or with CI=true a missing "
                + "prerequisite fails instead of skipping", e.getMessage());
        assertThrows(AssertionFailedError.class, () -> ROOT.file(Path.of("/nonexistent/dev/net/tun")));
    }

    @Test
    void withCiTrueEvenMissingRootFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> CI_USER.root("creates TUN devices"));
        assertEquals(true, e.getMessage().startsWith("needs root (it creates TUN devices); running as "), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> CI_USER.condition(false, "the native epoll transport"));
    }

    @Test
    void whatIsThereLetsTheTestRun() {
        new Prerequisites(true, true, tool -> true).root("creates TUN devices").tools("ip", "nft").condition(true, "epoll");
    }
}
