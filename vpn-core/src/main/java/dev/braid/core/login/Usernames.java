package dev.braid.core.login;

import java.nio.charset.StandardCharsets;

/** The one rule for user names, shared by the wire format and the users file. */
public final class Usernames {

    public static final int MAX_BYTES = 64;

    private Usernames() {
    }

    /** @return null if valid, else why not */
    public static String problem(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > MAX_BYTES) {
            return "user name must be 1.." + MAX_BYTES + " bytes of UTF-8, got " + bytes;
        }
        if (name.startsWith("#")) {
            return "user name must not start with '#'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "user name must not contain ':', whitespace or control characters";
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException if invalid */
    public static String requireValid(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": '" + name + "'");
        }
        return name;
    }
}
