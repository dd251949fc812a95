package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who holds a TUN, read from a /proc laid out as the kernel does. */
class TunOwnersTest {
    private static final String OUR_NAMESPACE = "net:[4026531833]";

    @TempDir
    Path proc;

    /** /proc/self of the test's proc: a process in {@link #OUR_NAMESPACE}. */
    @BeforeEach
    void self() throws IOException {
        Path self = Files.createDirectories(proc.resolve("self").resolve("ns"));
        Files.createSymbolicLink(self.resolve("net"), Path.of(OUR_NAMESPACE));
    }

    @Test
    void theProcessWithATunDescriptorOfThatNameOwnsIt() throws IOException {
        descriptor(100, 3, "/dev/null", "pos:\t0\n");
        descriptor(200, 7, "/dev/net/tun", "pos:\t0\nflags:\t02\niff:\tbraid1\n");
        descriptor(300, 9, "/dev/net/tun", "pos:\t0\nflags:\t02\niff:\tbraid0\n");
        Files.writeString(proc.resolve("300").resolve("cmdline"), "java\0-cp\0lib/*\0dev.braid.core.cli.Main\0client\0");
        TunOwners owners = new TunOwners(proc, 1);
        assertEquals(OptionalLong.of(300), owners.ownerOf("braid0"));
        assertEquals(OptionalLong.of(200), owners.ownerOf("braid1"));
        assertEquals(OptionalLong.empty(), owners.ownerOf("braid2"), "a device nobody holds is stale");
        assertEquals("java -cp lib/* dev.braid.core.cli.Main client", owners.commandLine(300).orElseThrow());
    }

    @Test
    void aTunOfTheSameNameInAnotherNetworkNamespaceIsAnotherDevice() throws IOException {
        descriptor(500, 4, "/dev/net/tun", "iff:\tbraid0\n", "net:[4026532178]");
        assertEquals(OptionalLong.empty(), new TunOwners(proc, 1).ownerOf("braid0"));
    }

    @Test
    void thisProcessIsNeverItsOwnObstacle() throws IOException {
        descriptor(42, 5, "/dev/net/tun", "iff:\tbraid0\n");
        assertEquals(OptionalLong.empty(), new TunOwners(proc, 42).ownerOf("braid0"));
    }

    @Test
    void anUnreadableProcMeansNoKnownOwner() {
        assertEquals(OptionalLong.empty(), new TunOwners(proc.resolve("missing"), 1).ownerOf("braid0"));
    }

    private void descriptor(long pid, int fd, String target, String fdinfo) throws IOException {
        descriptor(pid, fd, target, fdinfo, OUR_NAMESPACE);
    }

    private void descriptor(long pid, int fd, String target, String fdinfo, String namespace) throws IOException {
        Path process = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.createDirectories(process.resolve("ns"));
        Files.createSymbolicLink(process.resolve("ns").resolve("net"), Path.of(namespace));
        Files.createDirectories(process.resolve("fd"));
        Files.createSymbolicLink(process.resolve("fd").resolve(Integer.toString(fd)), Path.of(target));
        Files.createDirectories(process.resolve("fdinfo"));
        Files.writeString(process.resolve("fdinfo").resolve(Integer.toString(fd)), fdinfo);
    }
}
