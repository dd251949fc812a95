package dev.braid.core.login;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Stateless proof that a HELLO's sender receives at its address, as WireGuard's cookie reply and
 * QUIC's Retry token: cookie = HMAC-SHA256(secret, time bucket ‖ address ‖ client nonce), cut to
 * 16 bytes. Valid in the 30 s bucket it was made in and the next one. The secret is random per
 * process, so a restart only costs clients one more round trip. Not thread-safe (one HMAC
 * instance, reused): the event loop owns it.
 */
public final class LoginCookies {

    static final long BUCKET_NANOS = 30_000_000_000L;

    private final HMac mac = new HMac(new SHA256Digest());
    private final byte[] full = new byte[32];

    public LoginCookies(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        mac.init(new KeyParameter(secret));
    }

    public byte[] issue(byte[] address, byte[] clientNonce, long nowNanos) {
        return cookie(Math.floorDiv(nowNanos, BUCKET_NANOS), address, clientNonce);
    }

    public boolean valid(byte[] cookie, byte[] address, byte[] clientNonce, long nowNanos) {
        if (cookie.length != LoginMessages.COOKIE_LENGTH) {
            return false;
        }
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        return MessageDigest.isEqual(cookie, cookie(bucket, address, clientNonce))
                || MessageDigest.isEqual(cookie, cookie(bucket - 1, address, clientNonce));
    }

    private byte[] cookie(long bucket, byte[] address, byte[] clientNonce) {
        byte[] time = ByteBuffer.allocate(8).putLong(bucket).array();
        mac.update(time, 0, time.length);
        mac.update((byte) address.length);
        mac.update(address, 0, address.length);
        mac.update(clientNonce, 0, clientNonce.length);
        mac.doFinal(full, 0);
        return Arrays.copyOf(full, LoginMessages.COOKIE_LENGTH);
    }
}
