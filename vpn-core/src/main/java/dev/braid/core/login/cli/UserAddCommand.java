package dev.braid.core.login.cli;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.files.FileProblems;
import dev.braid.core.login.ClientLoginOptions;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.Usernames;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code braid user add NAME --users FILE [--password-file F] [--argon2 m,t,p] [--replace]}.
 * Without a password file the password is asked twice on the console.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (or replace one with --replace).")
public final class UserAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "User name (1..64 bytes, no ':' or spaces).")
    String name;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to edit.")
    Path usersFile;

    @Option(names = "--password-file", paramLabel = "F",
            description = "Read the password from the first line of F instead of prompting.")
    Path passwordFile;

    @Option(names = "--argon2", paramLabel = "m,t,p", defaultValue = "65536,3,1",
            description = "Argon2id memory KiB, iterations, parallelism (default: ${DEFAULT-VALUE}).")
    String argon2;

    @Option(names = "--replace", description = "Replace the user if it exists.")
    boolean replace;

    private final PasswordReader passwordReader;

    public UserAddCommand() {
        this(PasswordReader.console());
    }

    public UserAddCommand(PasswordReader passwordReader) {
        this.passwordReader = passwordReader;
    }

    @Override
    public Integer call() {
        try {
            String problem = Usernames.problem(name);
            if (problem != null) {
                return fail(problem);
            }
            Argon2Params params = Argon2Params.parse(argon2);
            String refused = ClientLoginOptions.argon2Refusal(params, ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB);
            if (refused != null) {
                return fail("clients refuse " + refused);
            }
            // before the password is typed twice, not after
            java.util.Optional<String> missing = FileProblems.missingDirectory(usersFile);
            if (missing.isPresent()) {
                return fail("cannot write " + usersFile + ": " + missing.get());
            }
            UsersFile file = UsersFile.loadOrEmpty(usersFile);
            if (!replace && file.lookup(name).isPresent()) {
                return fail("user '" + name + "' already exists in " + usersFile + " (use --replace to change it)");
            }
            byte[] password = readPassword();
            boolean existed = file.lookup(name).isPresent();
            try {
                file.add(UserRecord.create(name, password, params, new SecureRandom()), replace);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            file.save(usersFile);
            spec.commandLine().getOut().println((existed ? "replaced" : "added") + " user " + name
                    + " (argon2 " + params.format() + ") in " + usersFile);
            return 0;
        } catch (UsersFileException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("cannot write " + usersFile + ": " + FileProblems.reason(usersFile, e));
        }
    }

    private byte[] readPassword() throws IOException {
        if (passwordFile != null) {
            return PasswordFiles.readFirstLine(passwordFile);
        }
        char[] first = passwordReader.read("Password for " + name + ": ");
        if (first == null) {
            throw new IllegalArgumentException("no console to ask for the password; use --password-file FILE");
        }
        char[] second = passwordReader.read("Repeat password: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("passwords do not match");
            }
            if (first.length == 0) {
                throw new IllegalArgumentException("empty password");
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            Arrays.fill(encoded.array(), (byte) 0);
            return out;
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("braid user add: " + message);
        return 1;
    }
}
