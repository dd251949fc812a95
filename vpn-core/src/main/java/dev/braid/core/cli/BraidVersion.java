package dev.braid.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** `braid --version`: the project version and git commit the build wrote into version.properties. */
public final class BraidVersion implements IVersionProvider {
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return new String[] {line(read()), "Java " + System.getProperty("java.version")};
    }

    /** {@code braid 0.1.0-SNAPSHOT (commit 746d99c)}. */
    static String line(Properties build) {
        return "braid " + value(build, "version") + " (commit " + value(build, "commit") + ")";
    }

    /** A key the build did not fill in (no git checkout: the placeholder stays) is unknown. */
    private static String value(Properties build, String key) {
        String value = build.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Properties read() {
        Properties build = new Properties();
        try (InputStream in = BraidVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }
}
