package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.PasswordHasher;
import dev.braid.core.crypto.Srp;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the proxy stores per user: never the password, only the SRP verifier of its Argon2id pre-hash.
 * Byte arrays are copied in and out.
 */
public final class UserRecord {

    private final String username;
    private final byte[] salt;
    private final byte[] verifier;
    private final Argon2Params argon2;

    public UserRecord(String username, byte[] salt, byte[] verifier, Argon2Params argon2) {
        this.username = Usernames.requireValid(username);
        if (salt.length != LoginMessages.SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + LoginMessages.SALT_LENGTH + " bytes, got " + salt.length);
        }
        if (verifier.length != Srp.PUBLIC_VALUE_LENGTH) {
            throw new IllegalArgumentException("verifier must be " + Srp.PUBLIC_VALUE_LENGTH + " bytes, got "
                    + verifier.length);
        }
        this.salt = salt.clone();
        this.verifier = verifier.clone();
        this.argon2 = Objects.requireNonNull(argon2, "argon2");
    }

    /** Creates a record with a fresh random salt. Runs Argon2id: slow with real parameters. */
    public static UserRecord create(String username, byte[] password, Argon2Params argon2, SecureRandom random) {
        Usernames.requireValid(username);
        byte[] salt = new byte[LoginMessages.SALT_LENGTH];
        random.nextBytes(salt);
        byte[] preHash = PasswordHasher.preHash(password, salt, argon2);
        byte[] verifier = Srp.verifier(salt, username.getBytes(StandardCharsets.UTF_8), preHash);
        Arrays.fill(preHash, (byte) 0);
        return new UserRecord(username, salt, verifier, argon2);
    }

    public String username() {
        return username;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] verifier() {
        return verifier.clone();
    }

    public Argon2Params argon2() {
        return argon2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserRecord other && username.equals(other.username) && Arrays.equals(salt, other.salt)
                && Arrays.equals(verifier, other.verifier) && argon2.equals(other.argon2);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "UserRecord[" + username + ", argon2 " + argon2.format() + "]";
    }
}
