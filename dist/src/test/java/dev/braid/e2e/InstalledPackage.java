package dev.braid.e2e;

import dev.braid.testbed.netns.Netns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The braid .deb installed with dpkg for one test and purged at {@link #close()}, whatever happened;
 * a braid user the package made is gone after that too. Refuses a machine where braid is already
 * installed: purging would take the admin's /etc/braid.
 */
final class InstalledPackage implements AutoCloseable {
    private static final Duration DPKG = Duration.ofSeconds(120);
    private final boolean userExisted;

    private InstalledPackage(boolean userExisted) {
        this.userExisted = userExisted;
    }

    static InstalledPackage install(Path deb) {
        if (run("dpkg-query", "-W", "-f=${Status}", "braid").output().contains("installed")) {
            throw new AssertionError("the braid package is installed on this machine; the test installs and purges"
                    + " its own, so remove it first (dpkg --purge braid)");
        }
        InstalledPackage installed = new InstalledPackage(userExists());
        Netns.Result result = run("dpkg", "-i", deb.toString());
        if (!result.ok()) {
            installed.close();
            throw new AssertionError("dpkg -i " + deb + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return installed;
    }

    static boolean userExists() {
        return run("getent", "passwd", "braid").ok();
    }

    /** dpkg --purge braid. @return dpkg's output; fails the test if dpkg fails */
    String purge() {
        Netns.Result result = run("dpkg", "--purge", "braid");
        if (!result.ok()) {
            throw new AssertionError("dpkg --purge braid exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    @Override
    public void close() {
        Netns.Result purged = run("dpkg", "--purge", "braid");
        if (!purged.ok()) {
            System.out.println("[e2e] dpkg --purge braid failed: " + purged.output());
        }
        if (!userExisted && userExists()) { // the package's postrm failed to: do not leave it to the machine
            System.out.println("[e2e] removing the braid user the package left: " + run("userdel", "braid").output());
            run("groupdel", "braid");
        }
    }

    private static Netns.Result run(String... command) {
        return Netns.execute(DPKG, List.of(command));
    }
}
