package dev.braid.core.login.cli;

import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code braid user list --users FILE}: one line per user, {@code NAME argon2 m,t,p}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their Argon2 parameters.")
public final class UserListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to read.")
    Path usersFile;

    @Override
    public Integer call() {
        try {
            for (UserRecord user : UsersFile.load(usersFile).list()) {
                spec.commandLine().getOut().println(user.username() + " argon2 " + user.argon2().format());
            }
            return 0;
        } catch (UsersFileException e) {
            spec.commandLine().getErr().println("braid user list: " + e.getMessage());
            return 1;
        }
    }
}
