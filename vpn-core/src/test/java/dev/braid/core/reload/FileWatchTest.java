package dev.braid.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users-file watch: a rewrite by rename, a removal and a re-creation each call back. */
class FileWatchTest {
    @TempDir
    Path dir;

    @Test
    void aFileReplacedByRenameHasANewStampEvenWithTheSameSizeAndTime() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice\n");
        FileStamp before = FileStamp.of(file);
        Path next = Files.writeString(dir.resolve("users.tmp"), "carol\n");
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(before, FileStamp.of(file));
        assertEquals(FileStamp.of(file), FileStamp.of(file));
        assertEquals(FileStamp.ABSENT, FileStamp.of(dir.resolve("missing")));
    }

    @Test
    void everyChangeCallsBack() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice\n");
        Semaphore changes = new Semaphore(0);
        try (FileWatch watch = FileWatch.start(file, Duration.ofMillis(20), changes::release)) {
            Path next = Files.writeString(dir.resolve("users.tmp"), "bob\n");
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "no call after the file was replaced");
            Files.delete(file);
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "no call after the file was removed");
            Files.writeString(file, "carol\n");
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "no call after the file came back");
        }
    }

    @Test
    void aFailingCallbackDoesNotStopTheWatch() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice\n");
        Semaphore calls = new Semaphore(0);
        try (FileWatch watch = FileWatch.start(file, Duration.ofMillis(20), () -> {
            calls.release();
            throw new IllegalStateException("reload failed");
        })) {
            Files.writeString(file, "bob, longer\n");
            assertTrue(calls.tryAcquire(5, TimeUnit.SECONDS));
            Files.writeString(file, "carol, longer still\n");
            assertTrue(calls.tryAcquire(5, TimeUnit.SECONDS), "the watch stopped after a failing callback");
        }
    }
}
