package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `braid config check` checks the secret files a config names, besides the config itself. */
class ConfigCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aPasswordFileInAMissingDirectoryIsAnError() throws IOException {
        Path password = dir.resolve("etc-braid").resolve("alice.password");
        Path config = client(password);
        assertEquals(1, check(config));
        assertEquals("braid: " + config + ": client.password-file: " + password + ": the directory " + password.getParent()
                + " does not exist (create it with mode 0750: install -d -m 0750 " + password.getParent() + ")\n", err.toString());
    }

    @Test
    void aPasswordFileOthersCanReadIsAWarning() throws IOException {
        Path password = passwordFile("rw-r--r--");
        Path config = client(password);
        assertEquals(0, check(config), err.toString());
        assertEquals(config + ": warning: client.password-file: " + password + " is readable by others (rw-r--r--); "
                + "make it private: chmod o-rwx " + password + "\n" + config + ": ok (client config)\n", err.toString());
        assertTrue(out.toString().contains("password-file: " + password), out.toString());
        assertFalse(out.toString().contains("proxy:\n"), "only the client's sections:\n" + out);
    }

    @Test
    void aPrivatePasswordFileIsFine() throws IOException {
        Path config = client(passwordFile("rw-------"));
        assertEquals(0, check(config), err.toString());
        assertEquals(config + ": ok (client config)\n", err.toString());
    }

    /** The package's 0640 root:braid: the service's group reads it, nobody else. */
    @Test
    void aPasswordFileItsGroupCanReadIsFine() throws IOException {
        Path config = client(passwordFile("rw-r-----"));
        assertEquals(0, check(config), err.toString());
        assertEquals(config + ": ok (client config)\n", err.toString());
    }

    @Test
    void aMissingUsersFileIsAnErrorUnlessFileChecksAreOff() throws IOException {
        Path users = dir.resolve("users");
        Path config = Files.writeString(dir.resolve("proxy.yaml"), "proxy:\n  users: " + users + "\n");
        assertEquals(1, check(config));
        assertEquals("braid: " + config + ": proxy.users: " + users + " does not exist\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(0, check(config, "--no-file-checks"), err.toString());
    }

    @Test
    void anAddressLeasesFileInAMissingDirectoryIsAnError() throws IOException {
        Path users = passwordFile("rw-r-----");
        Path leases = dir.resolve("state/leases");
        Path config = Files.writeString(dir.resolve("proxy.yaml"), "proxy:\n  users: " + users + "\n  address-leases: "
                + leases + "\n");
        assertEquals(1, check(config));
        assertEquals("braid: " + config + ": proxy.address-leases: " + leases + ": the directory " + dir.resolve("state")
                + " does not exist (create it with mode 0750: install -d -m 0750 " + dir.resolve("state") + ")\n", err.toString());
        Files.createDirectory(dir.resolve("state"));
        err.getBuffer().setLength(0);
        assertEquals(0, check(config), err.toString());
    }

    @Test
    void aDataCapWithoutADirectoryForItsCountIsAnError() throws IOException {
        Path usage = dir.resolve("state/usage");
        Path config = Files.writeString(dir.resolve("client.yaml"), String.join("\n",
                "client:", "  proxy: 192.0.2.1:7600", "  user: alice", "  data-usage: " + usage,
                "links:", "  - name: wired", "  - name: lte", "    priority: backup", "    data-cap: 5GB", ""));
        assertEquals(1, check(config));
        assertEquals("braid: " + config + ": client.data-usage (a link has a data-cap): " + usage + ": the directory "
                + dir.resolve("state") + " does not exist (create it with mode 0750: install -d -m 0750 "
                + dir.resolve("state") + ")\n", err.toString());
        Files.createDirectory(dir.resolve("state"));
        err.getBuffer().setLength(0);
        assertEquals(0, check(config), err.toString());
        assertTrue(out.toString().contains("priority: backup"), out.toString());
    }

    private Path passwordFile(String mode) throws IOException {
        Path password = Files.writeString(dir.resolve("alice.password"), "s3cret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString(mode));
        return password;
    }

    private Path client(Path passwordFile) throws IOException {
        return Files.writeString(dir.resolve("client.yaml"),
                "client:\n  proxy: 192.0.2.1:7600\n  user: alice\n  password-file: " + passwordFile + "\n");
    }

    private int check(Path config, String... options) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 3];
        args[0] = "config";
        args[1] = "check";
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 1] = config.toString();
        return cli.execute(args);
    }
}
