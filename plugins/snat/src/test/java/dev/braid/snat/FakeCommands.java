package dev.braid.snat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Records commands and answers them from a function; sysctls live in a map. */
final class FakeCommands implements Commands {
    final List<String> ran = new ArrayList<>();
    final Map<String, String> sysctls = new HashMap<>();
    private final Function<List<String>, CommandResult> answers;
    IOException sysctlWriteFailure;

    FakeCommands(Function<List<String>, CommandResult> answers) {
        this.answers = answers;
        sysctls.put(SnatNetworkHook.IP_FORWARD, "0");
    }

    static CommandResult ok(List<String> command, String stdout) {
        return new CommandResult(command, 0, stdout, "");
    }

    static CommandResult failed(List<String> command, String stderr) {
        return new CommandResult(command, 1, "", stderr);
    }

    @Override
    public CommandResult run(List<String> command, String stdin) throws IOException {
        ran.add(String.join(" ", command));
        return answers.apply(command);
    }

    @Override
    public String readSysctl(String key) {
        ran.add("read " + key);
        return sysctls.get(key);
    }

    @Override
    public void writeSysctl(String key, String value) throws IOException {
        ran.add("write " + key + "=" + value);
        if (sysctlWriteFailure != null) {
            throw sysctlWriteFailure;
        }
        sysctls.put(key, value);
    }
}
