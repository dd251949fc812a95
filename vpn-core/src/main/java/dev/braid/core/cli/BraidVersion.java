package dev.braid.core.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "development" when run from classes. */
public final class BraidVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BraidVersion.class.getPackage().getImplementationVersion();
        return new String[] {"braid " + (version == null ? "development build" : version),
                "Java " + System.getProperty("java.version")};
    }
}
