package dev.braid.core.reload;

import dev.braid.core.login.UserRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the users file changed between two reads: users added, removed, and with a new password. */
public record UsersChange(List<String> added, List<String> removed, List<String> passwordChanged) {
    public UsersChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        passwordChanged = List.copyOf(passwordChanged);
    }

    /** Users in file order of {@code after} (added, changed) and of {@code before} (removed). */
    public static UsersChange between(List<UserRecord> before, List<UserRecord> after) {
        Map<String, UserRecord> old = byName(before);
        Map<String, UserRecord> now = byName(after);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        now.forEach((name, user) -> {
            UserRecord was = old.get(name);
            if (was == null) {
                added.add(name);
            } else if (!sameSecret(was, user)) {
                changed.add(name);
            }
        });
        List<String> removed = old.keySet().stream().filter(name -> !now.containsKey(name)).toList();
        return new UsersChange(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && passwordChanged.isEmpty();
    }

    /** E.g. {@code added bob; removed alice; new password for carol}, or {@code no change}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (!passwordChanged.isEmpty()) {
            parts.add("new password for " + String.join(", ", passwordChanged) + " (from the next login)");
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    /** A new salt or verifier or Argon2 cost is a new password (the record is all the proxy knows of it). */
    private static boolean sameSecret(UserRecord a, UserRecord b) {
        return Arrays.equals(a.salt(), b.salt()) && Arrays.equals(a.verifier(), b.verifier())
                && a.argon2().equals(b.argon2());
    }

    private static Map<String, UserRecord> byName(List<UserRecord> users) {
        Map<String, UserRecord> map = new LinkedHashMap<>();
        users.forEach(user -> map.put(user.username(), user));
        return map;
    }
}
