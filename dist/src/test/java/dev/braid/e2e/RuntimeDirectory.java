package dev.braid.e2e;

import dev.braid.testbed.netns.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * /run/braid as the units' RuntimeDirectory=braid makes it (owned by the service user, 0750) for a
 * test that starts their command lines without systemd; removed at {@link #close()}. A directory
 * already there belongs to a running service or another run: the test refuses to share it.
 */
final class RuntimeDirectory implements AutoCloseable {
    static final Path PATH = Path.of("/run/braid");

    private RuntimeDirectory() {}

    static RuntimeDirectory create(String user) throws IOException {
        if (Files.exists(PATH)) {
            throw new AssertionError(PATH + " exists (a braid service runs on this machine?): the test needs its own");
        }
        RuntimeDirectory directory = new RuntimeDirectory();
        Files.createDirectory(PATH);
        Netns.host("chown", user + ":" + user, PATH.toString());
        Netns.host("chmod", "0750", PATH.toString());
        return directory;
    }

    @Override
    public void close() {
        Netns.host("rm", "-rf", PATH.toString());
    }
}
