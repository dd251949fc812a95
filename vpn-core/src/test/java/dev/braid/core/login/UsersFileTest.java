package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsersFileTest {

    private static final UserRecord ALICE = UserRecord.create("alice", "pw".getBytes(StandardCharsets.UTF_8),
            Argon2Params.TEST_CHEAP, LoginFixture.RANDOM);
    private static final UserRecord BOB = UserRecord.create("bob", "pw2".getBytes(StandardCharsets.UTF_8),
            new Argon2Params(16, 2, 1), LoginFixture.RANDOM);
    private static final String SALT = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String VERIFIER = Base64.getEncoder().encodeToString(new byte[384]);

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsCommentsAndOrder() throws Exception {
        Path path = dir.resolve("users");
        Files.writeString(path, "# Braid users\n\n" + UsersFile.formatUser(ALICE) + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        UsersFile file = UsersFile.load(path);
        assertEquals(List.of(ALICE), file.list());
        file.add(BOB, false);
        file.save(path);

        UsersFile reloaded = UsersFile.load(path);
        assertEquals(List.of(ALICE, BOB), reloaded.list());
        assertEquals(BOB, reloaded.lookup("bob").orElseThrow());
        assertTrue(reloaded.lookup("carol").isEmpty());
        assertTrue(Files.readString(path).startsWith("# Braid users\n\nalice:argon2 8,1,1:"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList(), "no temporary file left behind");
        }

        assertTrue(reloaded.remove("alice"));
        assertFalse(reloaded.remove("alice"));
        reloaded.save(path);
        assertEquals(List.of(BOB), UsersFile.load(path).list());
    }

    @Test
    void aNewFileIsOwnerOnly() throws Exception {
        Path path = dir.resolve("users");
        UsersFile file = new UsersFile();
        file.add(ALICE, false);
        file.save(path);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    /** The package's users file is 0640 root:braid so the unprivileged service can read it. */
    @Test
    void aReplacedFileKeepsItsModeAndGroupLessOthersBits() throws Exception {
        Path path = dir.resolve("users");
        Files.writeString(path, "");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        Object group = Files.getAttribute(path, "posix:group");
        UsersFile file = UsersFile.load(path);
        file.add(ALICE, false);
        file.save(path);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(group, Files.getAttribute(path, "posix:group"));
        assertEquals(List.of(ALICE), UsersFile.load(path).list());
    }

    @Test
    void duplicatesNeedReplace() throws Exception {
        UsersFile file = new UsersFile();
        file.add(ALICE, false);
        UserRecord newAlice = UserRecord.create("alice", "other".getBytes(), Argon2Params.TEST_CHEAP,
                LoginFixture.RANDOM);
        UsersFileException e = assertThrows(UsersFileException.class, () -> file.add(newAlice, false));
        assertEquals("user 'alice' already exists (use --replace to change it)", e.getMessage());
        file.add(newAlice, true);
        assertEquals(List.of(newAlice), file.list());
    }

    @Test
    void missingFile() throws Exception {
        Path missing = dir.resolve("nope");
        UsersFileException e = assertThrows(UsersFileException.class, () -> UsersFile.load(missing));
        assertEquals("users file " + missing + " does not exist (create it with: braid user add NAME --users " + missing + ")",
                e.getMessage());
        assertTrue(UsersFile.loadOrEmpty(missing).list().isEmpty());
    }

    record BadLine(int number, String line, String expected) {
        @Override
        public String toString() {
            return number + ": " + expected;
        }
    }

    static Stream<BadLine> badLines() {
        return Stream.of(
                new BadLine(1, "alice", "found 1 field(s)"),
                new BadLine(2, "alice:argon2 8,1,1:" + SALT, "found 3 field(s)"),
                new BadLine(3, ":argon2 8,1,1:" + SALT + ":" + VERIFIER, "user name must be 1..64 bytes"),
                new BadLine(4, "alice:scrypt 8,1,1:" + SALT + ":" + VERIFIER, "second field must be 'argon2 m,t,p'"),
                new BadLine(5, "alice:argon2 8,1:" + SALT + ":" + VERIFIER, "argon2 parameters must be 'm,t,p'"),
                new BadLine(6, "alice:argon2 4,1,1:" + SALT + ":" + VERIFIER, "argon2 memory must be >= 8 KiB"),
                new BadLine(7, "alice:argon2 8,1,1:!!!:" + VERIFIER, "salt is not valid base64"),
                new BadLine(8, "alice:argon2 8,1,1:AAAA:" + VERIFIER, "salt must be 16 bytes, found 3"),
                new BadLine(9, "alice:argon2 8,1,1:" + SALT + ":AAAA", "verifier must be 384 bytes, found 3"),
                new BadLine(10, "al ice:argon2 8,1,1:" + SALT + ":" + VERIFIER, "must not contain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void badLinesAreReportedWithFileAndLineNumber(BadLine bad) {
        String text = "# header\n" + UsersFile.formatUser(ALICE).replace("alice", "zed") + "\n" + bad.line() + "\n";
        UsersFileException e = assertThrows(UsersFileException.class, () -> UsersFile.parse(text, "users.txt"));
        assertTrue(e.getMessage().startsWith("users.txt:3: "), e.getMessage());
        assertTrue(e.getMessage().contains(bad.expected()), "#" + bad.number() + ": " + e.getMessage());
    }

    @Test
    void userListedTwice() {
        String line = UsersFile.formatUser(ALICE);
        UsersFileException e = assertThrows(UsersFileException.class,
                () -> UsersFile.parse(line + "\n" + line + "\n", "u"));
        assertEquals("u:2: user 'alice' is listed twice", e.getMessage());
    }

    @Test
    void fileUsersCanLogIn() throws Exception {
        LoginFixture fixture = new LoginFixture();
        UsersFile file = UsersFile.parse(UsersFile.formatUser(ALICE) + "\n", "mem");
        fixture.users.put("alice", file.lookup("alice").orElseThrow());
        ClientLogin client = LoginFixture.client("alice", "pw", dev.braid.core.crypto.CipherSuite.NONE);
        byte[] challenge = fixture.exchange(client.start(0), 0);
        byte[] accept = fixture.exchange(LoginFixture.proofFor(client, client.onMessage(challenge, 0), 0), 0);
        client.onMessage(accept, 0);
        assertEquals(ClientLogin.State.ESTABLISHED, client.state());
    }
}
