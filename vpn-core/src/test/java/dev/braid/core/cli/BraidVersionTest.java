package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BraidVersionTest {

    @Test
    void theBuildWritesTheProjectVersionAndTheCommit() {
        String line = new BraidVersion().getVersion()[0];
        assertTrue(line.matches("braid \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7}|unknown)\\)"), line);
    }

    @Test
    void aCommitTheBuildCouldNotReadIsUnknown() {
        Properties outsideGit = new Properties();
        outsideGit.setProperty("version", "0.2.0");
        outsideGit.setProperty("commit", "${git.commit.id.abbrev}");
        assertEquals("braid 0.2.0 (commit unknown)", BraidVersion.line(outsideGit));
    }

    @Test
    void noVersionFileAtAllIsUnknownToo() {
        assertEquals("braid unknown (commit unknown)", BraidVersion.line(new Properties()));
    }
}
