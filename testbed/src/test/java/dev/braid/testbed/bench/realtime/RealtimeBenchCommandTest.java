package dev.braid.testbed.bench.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RealtimeBenchCommandTest {

    @Test
    void everyBadOptionIsReportedTogether() {
        RealtimeBenchCommand command = new RealtimeBenchCommand();
        new CommandLine(command).parseArgs("--out", "x", "--runs", "0", "--seconds", "900", "--scenarios", "idle,storm",
                "--variants", "direct,proportional/maybe", "--directions", "up,sideways");
        List<String> problems = command.problems().stream().filter(p -> !p.contains("on the PATH")).toList();
        assertEquals(5, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("--runs takes 1 to 20"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("'storm' is none of [idle, bulk, loss-2, cut]")), problems::toString);
    }

    @Test
    void defaultsAreTheShippedConfigurationAgainstPlainIp() {
        RealtimeBenchCommand command = new RealtimeBenchCommand();
        new CommandLine(command).parseArgs("--out", "x");
        assertEquals(List.of("direct", "proportional/queue"), command.variants);
        assertEquals(List.of("idle", "bulk", "loss-2", "cut"), command.scenarios);
        assertEquals("aes-256-gcm", command.encryption);
        assertTrue(command.problems().stream().allMatch(p -> p.contains("on the PATH")), () -> command.problems().toString());
    }
}
