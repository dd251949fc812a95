package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeUsersTest {
    private static final Argon2Params DEFAULT = Argon2Params.TEST_CHEAP;
    private static final Argon2Params RARE = new Argon2Params(16, 3, 1);
    private final FakeUsers fakes = new FakeUsers("0123456789abcdef-secret".getBytes(StandardCharsets.US_ASCII), DEFAULT);

    @Test
    void unknownNamesGetTheRealUsersCostsAsOftenAsTheUsersHaveThem() {
        List<Argon2Params> costs = List.of(DEFAULT, DEFAULT, DEFAULT, RARE); // one user of four has a rare cost
        int rare = 0;
        int names = 4000;
        for (int i = 0; i < names; i++) {
            if (fakes.forUser("probe" + i, costs).argon2().equals(RARE)) {
                rare++;
            }
        }
        assertTrue(rare > names / 4 - names / 20 && rare < names / 4 + names / 20, rare + " of " + names + " got the rare cost");
    }

    @Test
    void aNameKeepsItsCostAndWithoutUsersEveryNameGetsTheDefault() {
        List<Argon2Params> costs = List.of(DEFAULT, RARE);
        for (int i = 0; i < 50; i++) {
            assertEquals(fakes.forUser("probe" + i, costs).argon2(), fakes.forUser("probe" + i, costs).argon2());
            assertEquals(DEFAULT, fakes.forUser("probe" + i, List.of()).argon2());
        }
    }

    @Test
    void theUsersFileListsOneCostPerUserAndFollowsEdits() throws Exception {
        UsersFile users = new UsersFile();
        users.add(UserRecord.create("alice", "pw".getBytes(StandardCharsets.UTF_8), DEFAULT, new SecureRandom()), false);
        users.add(UserRecord.create("bob", "pw".getBytes(StandardCharsets.UTF_8), RARE, new SecureRandom()), false);
        assertEquals(List.of(DEFAULT, RARE), users.costsInUse());

        users.remove("alice");
        assertEquals(List.of(RARE), users.costsInUse());
        users.add(UserRecord.create("bob", "pw".getBytes(StandardCharsets.UTF_8), DEFAULT, new SecureRandom()), true);
        assertEquals(List.of(DEFAULT), users.costsInUse());
    }
}
