package dev.braid.core.login.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void addListRemoveWithPasswordFile() throws Exception {
        Path users = dir.resolve("users");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        assertEquals(0, run(new UserCommand(), "add", "alice", "--users", users.toString(), "--password-file",
                pw.toString(), "--argon2", "8,1,1"), err.toString());
        assertEquals("added user alice (argon2 8,1,1) in " + users + "\n", out.toString());
        UserRecord alice = UsersFile.load(users).lookup("alice").orElseThrow();
        assertEquals(Argon2Params.TEST_CHEAP, alice.argon2());

        assertEquals(1, run(new UserCommand(), "add", "alice", "--users", users.toString(), "--password-file",
                pw.toString(), "--argon2", "8,1,1"));
        assertTrue(err.toString().contains("user 'alice' already exists"), err.toString());
        assertEquals(0, run(new UserCommand(), "add", "alice", "--users", users.toString(), "--password-file",
                pw.toString(), "--argon2", "16,1,1", "--replace"), err.toString());
        assertEquals(new Argon2Params(16, 1, 1), UsersFile.load(users).lookup("alice").orElseThrow().argon2());

        out.getBuffer().setLength(0);
        assertEquals(0, run(new UserCommand(), "list", "--users", users.toString()));
        assertEquals("alice argon2 16,1,1\n", out.toString());

        assertEquals(0, run(new UserCommand(), "remove", "alice", "--users", users.toString()));
        assertEquals(1, run(new UserCommand(), "remove", "alice", "--users", users.toString()));
        assertTrue(err.toString().contains("no user 'alice' in"), err.toString());
        assertEquals(List.of(), UsersFile.load(users).list());
    }

    @Test
    void promptsTwiceAndChecksTheyMatch() throws Exception {
        Path users = dir.resolve("users");
        Deque<String> typed = new ArrayDeque<>(List.of("one", "one", "a", "b"));
        PasswordReader reader = prompt -> typed.isEmpty() ? null : typed.pop().toCharArray();
        assertEquals(0, run(new UserAddCommand(reader), "bob", "--users", users.toString(), "--argon2", "8,1,1"),
                err.toString());
        assertEquals(1, run(new UserAddCommand(reader), "carol", "--users", users.toString(), "--argon2", "8,1,1"));
        assertTrue(err.toString().contains("passwords do not match"), err.toString());
        assertEquals(List.of("bob"), UsersFile.load(users).list().stream().map(UserRecord::username).toList());
    }

    @Test
    void failsClearlyWithoutConsoleOrFile() {
        Path users = dir.resolve("users");
        assertEquals(1, run(new UserAddCommand(prompt -> null), "dave", "--users", users.toString()));
        assertEquals("braid user add: no console to ask for the password; use --password-file FILE\n", err.toString());
        assertTrue(Files.notExists(users));
    }

    @Test
    void badArgumentsAndFiles() throws Exception {
        Path users = dir.resolve("users");
        assertEquals(1, run(new UserAddCommand(prompt -> null), "dave", "--users", users.toString(),
                "--argon2", "8,1"));
        assertTrue(err.toString().contains("argon2 parameters must be 'm,t,p'"), err.toString());
        assertEquals(1, run(new UserCommand(), "list", "--users", users.toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        Files.writeString(users, "garbage line\n");
        assertEquals(1, run(new UserCommand(), "list", "--users", users.toString()));
        assertTrue(err.toString().contains(users + ":1: expected"), err.toString());
        assertEquals(2, run(new UserCommand(), "list"), "missing --users is a usage error");
    }

    @Test
    void aMissingDirectoryIsNamedBeforeThePasswordIsAsked() {
        Path users = dir.resolve("etc-braid").resolve("users");
        Deque<char[]> typed = new ArrayDeque<>();
        assertEquals(1, run(new UserAddCommand(prompt -> typed.poll()), "alice", "--users", users.toString()));
        Path missing = users.getParent();
        assertEquals("braid user add: cannot write " + users + ": the directory " + missing
                + " does not exist (create it with mode 0750: install -d -m 0750 " + missing + ")\n", err.toString());
        assertEquals(1, run(new UserCommand(), "remove", "alice", "--users", users.toString()));
        assertTrue(err.toString().contains("cannot read users file " + users + ": the directory " + missing + " does not exist"),
                err.toString());
    }

    @Test
    void aPasswordFileInAMissingDirectorySaysWhichDirectory() {
        Path file = dir.resolve("nowhere").resolve("alice.password");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PasswordFiles.readFirstLine(file));
        assertEquals("cannot read password file " + file + ": the directory " + file.getParent()
                + " does not exist (create it with mode 0750: install -d -m 0750 " + file.getParent() + ")", e.getMessage());
    }
}
