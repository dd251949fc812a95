package dev.braid.snat;

import java.io.IOException;
import java.util.List;

/**
 * Runs the external commands and sysctl accesses of the SNAT hook. Injectable so tests can run
 * everything inside a network namespace ({@link ProcessCommands#inNamespace}) or fake it.
 */
public interface Commands {

    /**
     * Runs {@code command} (program name first) with {@code stdin} (may be empty) as input.
     *
     * @throws ProgramNotFoundException if the program is not installed
     * @throws IOException if it cannot be run or does not end in time
     */
    CommandResult run(List<String> command, String stdin) throws IOException, InterruptedException;

    /** Reads a sysctl such as {@code net.ipv4.ip_forward}, trimmed. */
    String readSysctl(String key) throws IOException, InterruptedException;

    /** Writes a sysctl such as {@code net.ipv4.ip_forward}. */
    void writeSysctl(String key, String value) throws IOException, InterruptedException;
}
