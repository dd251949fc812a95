package dev.braid.core.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869) key schedule of a Braid session.
 *
 * <pre>
 * salt = SHA-256(A | B | clientNonce | serverNonce)      (A, B padded to 384 bytes)
 * PRK  = HKDF-Extract(salt, IKM = SRP session key K)
 * c2s  = HKDF-Expand(PRK, "braid c2s", 32)     s2c = HKDF-Expand(PRK, "braid s2c", 32)
 * conf = HKDF-Expand(PRK, "braid confirm", 32) join = HKDF-Expand(PRK, "braid join", 32)
 * key update: next = HKDF-Expand(current, "braid ku", 32)
 * </pre>
 */
public final class KeySchedule {

    static final byte[] LABEL_C2S = label("braid c2s");
    static final byte[] LABEL_S2C = label("braid s2c");
    static final byte[] LABEL_CONFIRM = label("braid confirm");
    static final byte[] LABEL_JOIN = label("braid join");
    static final byte[] LABEL_KEY_UPDATE = label("braid ku");

    private KeySchedule() {
    }

    /** Derives the session keys from the SRP transcript; both sides must pass identical values. */
    public static SessionKeys derive(byte[] srpSessionKey, byte[] paddedA, byte[] paddedB,
                                     byte[] clientNonce, byte[] serverNonce) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : new byte[][] {paddedA, paddedB, clientNonce, serverNonce}) {
            digest.update(part, 0, part.length);
        }
        byte[] salt = new byte[digest.getDigestSize()];
        digest.doFinal(salt, 0);
        byte[] prk = extract(salt, srpSessionKey);
        return new SessionKeys(
                expand(prk, LABEL_C2S, SessionKeys.KEY_LENGTH),
                expand(prk, LABEL_S2C, SessionKeys.KEY_LENGTH),
                expand(prk, LABEL_CONFIRM, SessionKeys.KEY_LENGTH),
                expand(prk, LABEL_JOIN, SessionKeys.KEY_LENGTH));
    }

    /** The key of the next epoch: HKDF-Expand(current, "braid ku", 32). */
    public static byte[] nextKey(byte[] current) {
        return expand(current, LABEL_KEY_UPDATE, SessionKeys.KEY_LENGTH);
    }

    /** HKDF-Extract (RFC 5869 §2.2). */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, ikm);
    }

    /** HKDF-Expand (RFC 5869 §2.3) with a pseudo-random key of at least 32 bytes. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] label(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
