package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.Srp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deterministic stand-ins for unknown users, derived from a server secret: the same name always
 * gets the same salt, so probing cannot tell an unknown user from a wrong password. The fake
 * verifier is g^x for a secret x, so the proof check runs the same code and simply fails.
 */
final class FakeUsers {

    private static final byte[] SALT_LABEL = "braid fake salt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERIFIER_LABEL = "braid fake verifier".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final Argon2Params argon2;

    FakeUsers(byte[] secret, Argon2Params argon2) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("server secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.argon2 = argon2;
    }

    UserRecord forUser(String username) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        byte[] salt = Arrays.copyOf(Hmacs.sha256(secret, SALT_LABEL, name), LoginMessages.SALT_LENGTH);
        BigInteger x = new BigInteger(1, Hmacs.sha256(secret, VERIFIER_LABEL, name));
        byte[] verifier = Srp.pad(Srp.GROUP.getG().modPow(x, Srp.GROUP.getN()));
        return new UserRecord(username, salt, verifier, argon2);
    }
}
