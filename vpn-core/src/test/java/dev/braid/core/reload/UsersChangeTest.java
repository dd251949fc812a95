package dev.braid.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.login.UserRecord;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reload of the users file reports and acts on. */
class UsersChangeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UserRecord ALICE = user("alice", "a");
    private static final UserRecord BOB = user("bob", "b");
    private static final UserRecord CAROL = user("carol", "c");

    @Test
    void theSameUsersAreNoChange() {
        UsersChange change = UsersChange.between(List.of(ALICE, BOB), List.of(ALICE, BOB));
        assertTrue(change.isEmpty());
        assertEquals("no change", change.toString());
    }

    @Test
    void addedRemovedAndNewPasswordsAreToldApart() {
        UserRecord bobsNewPassword = user("bob", "b2");
        UsersChange change = UsersChange.between(List.of(ALICE, BOB), List.of(bobsNewPassword, CAROL));
        assertEquals(List.of("carol"), change.added());
        assertEquals(List.of("alice"), change.removed());
        assertEquals(List.of("bob"), change.passwordChanged());
        assertEquals("added carol; removed alice; new password for bob (from the next login)", change.toString());
    }

    @Test
    void theSamePasswordSavedAgainWithANewSaltIsANewPassword() {
        // Only the salt and verifier are stored: a new record cannot be told from a new password.
        UsersChange change = UsersChange.between(List.of(ALICE), List.of(user("alice", "a")));
        assertEquals(List.of("alice"), change.passwordChanged());
    }

    @Test
    void liveUsersSwapAsAWhole() throws Exception {
        dev.braid.core.login.UsersFile before = new dev.braid.core.login.UsersFile();
        before.add(ALICE, false);
        dev.braid.core.login.UsersFile after = new dev.braid.core.login.UsersFile();
        after.add(BOB, false);
        LiveUsers users = new LiveUsers(before);
        assertTrue(users.lookup("alice").isPresent());
        assertEquals(List.of("alice"), users.replace(after).removed());
        assertTrue(users.lookup("alice").isEmpty());
        assertTrue(users.lookup("bob").isPresent());
    }

    private static UserRecord user(String name, String password) {
        return UserRecord.create(name, password.getBytes(StandardCharsets.UTF_8), Argon2Params.TEST_CHEAP, RANDOM);
    }
}
