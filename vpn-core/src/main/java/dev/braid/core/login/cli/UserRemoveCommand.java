package dev.braid.core.login.cli;

import dev.braid.core.files.FileProblems;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code braid user remove NAME --users FILE}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
public final class UserRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "User name.")
    String name;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to edit.")
    Path usersFile;

    @Override
    public Integer call() {
        try {
            UsersFile file = UsersFile.load(usersFile);
            if (!file.remove(name)) {
                spec.commandLine().getErr().println("braid user remove: no user '" + name + "' in " + usersFile);
                return 1;
            }
            file.save(usersFile);
            spec.commandLine().getOut().println("removed user " + name + " from " + usersFile);
            return 0;
        } catch (UsersFileException e) {
            spec.commandLine().getErr().println("braid user remove: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("braid user remove: cannot write " + usersFile + ": " + FileProblems.reason(usersFile, e));
            return 1;
        }
    }
}
