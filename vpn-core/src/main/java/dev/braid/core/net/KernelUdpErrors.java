package dev.braid.core.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's running counts of UDP datagrams it lost, for this network namespace, IPv4 and
 * IPv6 together ({@code /proc/net/snmp}'s {@code Udp: RcvbufErrors SndbufErrors} and
 * {@code /proc/net/snmp6}'s {@code Udp6RcvbufErrors Udp6SndbufErrors}).
 *
 * <p>They matter because UDP does not tell the sender: a send the kernel could not complete
 * (ENOBUFS, e.g. a full neighbour table) still returns success and is only counted here, and a
 * datagram for a full receive buffer is dropped before any process sees it.
 *
 * @param receiveBuffer datagrams dropped for a full socket receive buffer
 * @param sendBuffer    sends that failed for want of buffer space (socket, device queue, neighbour table)
 */
public record KernelUdpErrors(long receiveBuffer, long sendBuffer) {

    public static final KernelUdpErrors NONE = new KernelUdpErrors(0, 0);
    private static final Path SNMP = Path.of("/proc/net/snmp");
    private static final Path SNMP6 = Path.of("/proc/net/snmp6");

    /** This namespace's counts now; {@link #NONE} where the files do not exist (not Linux). */
    public static KernelUdpErrors read() {
        return parse(readOrEmpty(SNMP), readOrEmpty(SNMP6));
    }

    /** The counts in the two files' text; a missing or unreadable part counts as zero. */
    public static KernelUdpErrors parse(String snmp, String snmp6) {
        String[] names = null;
        long receive = 0;
        long send = 0;
        for (String line : snmp.split("\n")) {
            if (!line.startsWith("Udp: ")) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            if (names == null) {
                names = words; // the first Udp: line names the columns, the second has the values
                continue;
            }
            receive += column(names, words, "RcvbufErrors");
            send += column(names, words, "SndbufErrors");
        }
        for (String line : snmp6.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("Udp6RcvbufErrors")) {
                receive += number(words[1]);
            } else if (words.length == 2 && words[0].equals("Udp6SndbufErrors")) {
                send += number(words[1]);
            }
        }
        return new KernelUdpErrors(receive, send);
    }

    /** What grew since {@code earlier} (a counter that went back, e.g. a new namespace, counts from zero). */
    public KernelUdpErrors since(KernelUdpErrors earlier) {
        return new KernelUdpErrors(growth(receiveBuffer, earlier.receiveBuffer), growth(sendBuffer, earlier.sendBuffer));
    }

    public boolean isZero() {
        return receiveBuffer == 0 && sendBuffer == 0;
    }

    private static long growth(long now, long before) {
        return now >= before ? now - before : now;
    }

    private static long column(String[] names, String[] values, String name) {
        for (int i = 1; i < names.length && i < values.length; i++) {
            if (names[i].equals(name)) {
                return number(values[i]);
            }
        }
        return 0;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
