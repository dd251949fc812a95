package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.Srp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic stand-ins for unknown users, derived from a server secret: the same name always
 * gets the same salt, so probing cannot tell an unknown user from a wrong password. The fake
 * verifier is a secret pseudo-random number below N (never sent; B = kv + g^b hides it as it
 * hides a real one), so the proof check runs the same code and simply fails. It costs HMACs, not
 * an exponentiation: every HELLO derives it, for known users too, so both cost the same. Its Argon2
 * cost is drawn, by the name, from the real users' costs: a rare cost is as rare among fake names.
 */
final class FakeUsers {

    private static final byte[] SALT_LABEL = "braid fake salt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERIFIER_LABEL = "braid fake verifier".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COST_LABEL = "braid fake cost".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final Argon2Params argon2;

    FakeUsers(byte[] secret, Argon2Params argon2) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("server secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.argon2 = argon2;
    }

    /** @param costsInUse the real users' costs, one per user; empty: the default cost */
    UserRecord forUser(String username, List<Argon2Params> costsInUse) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        byte[] salt = Arrays.copyOf(Hmacs.sha256(secret, SALT_LABEL, name), LoginMessages.SALT_LENGTH);
        byte[] verifier = Srp.pad(pseudoRandomBelowN(name));
        return new UserRecord(username, salt, verifier, costFor(name, costsInUse));
    }

    private Argon2Params costFor(byte[] name, List<Argon2Params> costsInUse) {
        if (costsInUse.isEmpty()) {
            return argon2;
        }
        BigInteger pick = new BigInteger(1, Hmacs.sha256(secret, COST_LABEL, name));
        return costsInUse.get(pick.mod(BigInteger.valueOf(costsInUse.size())).intValue());
    }

    /** 32 bytes more than N's 384, reduced mod N: the bias is 2^-256. Never 0 in practice. */
    private BigInteger pseudoRandomBelowN(byte[] name) {
        byte[] wide = new byte[Srp.PUBLIC_VALUE_LENGTH + 32];
        for (int block = 0; block * 32 < wide.length; block++) {
            byte[] part = Hmacs.sha256(secret, VERIFIER_LABEL, name, new byte[] {(byte) block});
            System.arraycopy(part, 0, wide, block * 32, Math.min(32, wide.length - block * 32));
        }
        BigInteger value = new BigInteger(1, wide).mod(Srp.GROUP.getN());
        return value.signum() == 0 ? BigInteger.ONE : value;
    }
}
