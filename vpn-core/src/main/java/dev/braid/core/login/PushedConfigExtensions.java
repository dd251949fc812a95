package dev.braid.core.login;

import dev.braid.core.config.InetPrefix;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PushedConfig} as ACCEPT extensions (type u8, length u8, value): type 2 routes (family
 * u8 4 or 6, prefix u8, address 4 or 16 bytes, repeated), type 3 DNS servers (family u8, address,
 * repeated), type 4 search domains (u8 length, ASCII name, repeated). A list longer than one
 * extension holds goes on in more extensions of the same type; a decoder joins them.
 */
final class PushedConfigExtensions {
    static final int EXT_ROUTES = 2;
    static final int EXT_DNS = 3;
    static final int EXT_DOMAINS = 4;
    private static final int MAX_VALUE = 255;

    private final List<InetPrefix> routes = new ArrayList<>();
    private final List<InetAddress> dns = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();

    /** The extensions for {@code config}, ready to append; empty for {@link PushedConfig#NONE}. */
    static byte[] encode(PushedConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> items = new ArrayList<>();
        for (InetPrefix route : config.routes()) {
            byte[] address = route.address().getAddress();
            items.add(concat(new byte[] {(byte) family(address), (byte) route.prefixLength()}, address));
        }
        writeAll(out, EXT_ROUTES, items);
        items.clear();
        for (InetAddress server : config.dnsServers()) {
            byte[] address = server.getAddress();
            items.add(concat(new byte[] {(byte) family(address)}, address));
        }
        writeAll(out, EXT_DNS, items);
        items.clear();
        for (String domain : config.searchDomains()) {
            byte[] name = domain.getBytes(StandardCharsets.US_ASCII);
            items.add(concat(new byte[] {(byte) name.length}, name));
        }
        writeAll(out, EXT_DOMAINS, items);
        return out.toByteArray();
    }

    static boolean knows(int type) {
        return type == EXT_ROUTES || type == EXT_DNS || type == EXT_DOMAINS;
    }

    /** Takes one extension of a type {@link #knows} in. */
    void read(int type, byte[] value) throws MalformedLoginMessageException {
        int at = 0;
        while (at < value.length) {
            at = switch (type) {
                case EXT_ROUTES -> readRoute(value, at);
                case EXT_DNS -> readDns(value, at);
                default -> readDomain(value, at);
            };
        }
    }

    PushedConfig result() {
        return routes.isEmpty() && dns.isEmpty() && domains.isEmpty() ? PushedConfig.NONE
                : new PushedConfig(routes, dns, domains);
    }

    private int readRoute(byte[] value, int at) throws MalformedLoginMessageException {
        int length = addressLength(value, at, 2, "route");
        int prefix = value[at + 1] & 0xFF;
        try {
            routes.add(new InetPrefix(address(value, at + 2, length), prefix));
        } catch (IllegalArgumentException e) {
            throw new MalformedLoginMessageException("ACCEPT: pushed route: " + e.getMessage());
        }
        return at + 2 + length;
    }

    private int readDns(byte[] value, int at) throws MalformedLoginMessageException {
        int length = addressLength(value, at, 1, "DNS server");
        dns.add(address(value, at + 1, length));
        return at + 1 + length;
    }

    private int readDomain(byte[] value, int at) throws MalformedLoginMessageException {
        int length = value[at] & 0xFF;
        if (at + 1 + length > value.length) {
            throw new MalformedLoginMessageException("ACCEPT: pushed search domain runs past its extension");
        }
        String name = new String(value, at + 1, length, StandardCharsets.US_ASCII);
        if (!PushedConfig.isDomain(name)) {
            throw new MalformedLoginMessageException("ACCEPT: pushed search domain is not a domain name");
        }
        domains.add(name);
        return at + 1 + length;
    }

    private static int addressLength(byte[] value, int at, int header, String what) throws MalformedLoginMessageException {
        int family = value[at] & 0xFF;
        int length = family == 4 ? 4 : family == 6 ? 16 : -1;
        if (length < 0) {
            throw new MalformedLoginMessageException("ACCEPT: pushed " + what + " of family " + family);
        }
        if (at + header + length > value.length) {
            throw new MalformedLoginMessageException("ACCEPT: pushed " + what + " runs past its extension");
        }
        return length;
    }

    private static InetAddress address(byte[] value, int at, int length) {
        byte[] raw = new byte[length];
        System.arraycopy(value, at, raw, 0, length);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private static int family(byte[] address) {
        return address.length == 4 ? 4 : 6;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The items in as few extensions of {@code type} as fit (each item is at most 254 bytes). */
    private static void writeAll(ByteArrayOutputStream out, int type, List<byte[]> items) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] item : items) {
            if (value.size() + item.length > MAX_VALUE) {
                writeOne(out, type, value.toByteArray());
                value.reset();
            }
            value.writeBytes(item);
        }
        if (value.size() > 0) {
            writeOne(out, type, value.toByteArray());
        }
    }

    private static void writeOne(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(value.length);
        out.writeBytes(value);
    }
}
