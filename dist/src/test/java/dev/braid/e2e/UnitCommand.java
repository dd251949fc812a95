package dev.braid.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What systemd would run for a unit's [Service]: its ExecStart as its User and Group with only its
 * AmbientCapabilities (also the bounding set) and no new privileges, as a {@code setpriv} command.
 */
record UnitCommand(List<String> execStart, String user, String group, List<String> capabilities) {

    static UnitCommand read(Path unit) throws IOException {
        List<String> exec = null;
        String user = null;
        String group = null;
        List<String> caps = List.of();
        for (String line : Files.readAllLines(unit)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            switch (key) {
                case "ExecStart" -> exec = List.of(value.split("\\s+"));
                case "User" -> user = value;
                case "Group" -> group = value;
                case "AmbientCapabilities" -> caps = List.of(value.split("\\s+"));
                default -> { }
            }
        }
        if (exec == null || user == null || group == null) {
            throw new AssertionError(unit + " lacks ExecStart, User or Group");
        }
        return new UnitCommand(exec, user, group, caps);
    }

    /** {@code env VARIABLES setpriv ... EXECSTART}: {@code environment} as "NAME=value" entries. */
    List<String> commandLine(String... environment) {
        String raise = capabilities.stream().map(c -> "+" + c.toLowerCase(Locale.ROOT).replace("cap_", ""))
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of("env"));
        command.addAll(Arrays.asList(environment));
        command.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups",
                "--inh-caps=-all," + raise, "--ambient-caps=-all," + raise, "--bounding-set=-all," + raise,
                "--no-new-privs"));
        command.addAll(execStart);
        return command;
    }
}
