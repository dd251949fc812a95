package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.Srp;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzz of the users file reader: any text parses or gives a {@link UsersFileException} that
 * names the file and line; a parsed file formats back to text that parses to the same users, and
 * whatever it accepts, the proxy can put in a CHALLENGE and a client with default limits pays.
 */
class UsersFileFuzzTest {

    @Property
    void anyTextParsesOrNamesTheFileAndLine(@ForAll("texts") String text) {
        UsersFile file;
        try {
            file = UsersFile.parse(text, "users");
        } catch (UsersFileException e) {
            assertTrue(e.getMessage().matches("(?s)users:\\d+: .+"), e.getMessage());
            return;
        }
        List<UserRecord> users = file.list();
        try {
            assertEquals(users, UsersFile.parse(file.format(), "users").list());
        } catch (UsersFileException e) {
            throw new AssertionError("its own format does not parse: " + e.getMessage(), e);
        }
        for (UserRecord user : users) {
            LoginMessages.encodeChallenge(1, user.salt(), user.argon2(), new byte[Srp.PUBLIC_VALUE_LENGTH],
                    new byte[16], new byte[16]);
            assertEquals(null, ClientLoginOptions.argon2Refusal(user.argon2(),
                    ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> cost = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(8, 1 << 21), Arbitraries.integers()
                        .between(1, 20), Arbitraries.integers().between(1, 20)).as((m, t, p) -> m + "," + t + "," + p)),
                Tuple.of(1, Arbitraries.of("65536,3,1", "8,1,1", "0,0,0", "-1,3,1", "65536,70000,1", "65536,3,256",
                        "2147483648,1,1", "1,2", "1,2,3,4", "a,b,c", " 64 , 3 , 1 ", "65536,3,1,", "")));
        Arbitrary<String> base64 = Arbitraries.frequencyOf(
                Tuple.of(3, LoginMessagesFuzzTest.fixed(16).map(b -> java.util.Base64.getEncoder().encodeToString(b))),
                Tuple.of(1, Arbitraries.strings().withChars("ABCxyz019+/=-_ ").ofMaxLength(30)));
        Arbitrary<String> verifier = Arbitraries.frequencyOf(
                Tuple.of(3, LoginMessagesFuzzTest.fixed(Srp.PUBLIC_VALUE_LENGTH)
                        .map(b -> java.util.Base64.getEncoder().encodeToString(b))),
                Tuple.of(1, base64));
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(4, LoginMessagesFuzzTest.usernameStrings()),
                Tuple.of(1, Arbitraries.of("", "#x", "a b", "a:b", "\u0000", "é".repeat(40))));
        Arbitrary<String> user = Combinators.combine(name, cost, base64, verifier)
                .as((n, c, s, v) -> n + ":argon2 " + c + ":" + s + ":" + v);
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(6, user),
                Tuple.of(1, Arbitraries.of("", "# comment", "   ", "alice:argon2 65536,3,1", "alice:x:y:z", ":::")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
        return Combinators.combine(line.list().ofMaxSize(5), Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false))
                .as((lines, newline, lastNewline) -> {
                    List<String> all = new ArrayList<>(lines);
                    return String.join(newline, all) + (lastNewline && !all.isEmpty() ? newline : "");
                });
    }
}
