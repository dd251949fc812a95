package dev.braid.core.tun;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which process holds a TUN device open, from /proc: a descriptor of {@code /dev/net/tun} whose
 * fdinfo says {@code iff: NAME}, in a process of this network namespace (device names are per
 * namespace: a TUN of the same name in another one is another device). Only a device nobody holds
 * is a stale leftover that a start may delete; one a live process holds is that process's tunnel.
 */
public final class TunOwners {
    private static final String TUN_DEVICE = "/dev/net/tun";

    private final Path proc;
    private final long self;

    /** @param proc the proc file system (a copy in tests) @param self this process's PID, never reported */
    public TunOwners(Path proc, long self) {
        this.proc = proc;
        this.self = self;
    }

    public static TunOwners system() {
        return new TunOwners(Path.of("/proc"), ProcessHandle.current().pid());
    }

    /** The PID of another process that has TUN {@code name} open; empty when none (or /proc is unreadable). */
    public OptionalLong ownerOf(String name) {
        Optional<Path> ourNamespace = networkNamespace(proc.resolve("self"));
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && networkNamespace(process).equals(ourNamespace) && holds(process, name)) {
                    return OptionalLong.of(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The process's command line with spaces for NULs, e.g. for naming it in a message; empty if gone. */
    public Optional<String> commandLine(long pid) {
        try {
            String text = Files.readString(proc.resolve(Long.toString(pid)).resolve("cmdline")).replace('\0', ' ').strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(Path process, String name) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (isTun(fd) && fdinfoNames(process.resolve("fdinfo").resolve(fd.getFileName().toString()), name)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // the process ended meanwhile, or its fds are not ours to read
        }
        return false;
    }

    /** E.g. {@code net:[4026531833]}; empty when unreadable (another user's process). */
    private static Optional<Path> networkNamespace(Path process) {
        try {
            return Optional.of(Files.readSymbolicLink(process.resolve("ns").resolve("net")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean isTun(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().equals(TUN_DEVICE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The kernel's tun driver writes {@code iff:\tNAME} into a TUN descriptor's fdinfo. */
    static boolean fdinfoNames(Path fdinfo, String name) {
        try {
            return Files.readAllLines(fdinfo).stream().anyMatch(line -> line.startsWith("iff:") && line.substring(4).strip().equals(name));
        } catch (IOException e) {
            return false;
        }
    }
}
