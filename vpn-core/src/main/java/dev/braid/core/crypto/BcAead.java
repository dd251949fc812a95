package dev.braid.core.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Shared BouncyCastle lightweight AEAD plumbing. The cipher object is created once and re-initialised
 * per packet with only a new nonce (a {@code null} key tells BouncyCastle to keep the expanded key),
 * so there is no per-packet key schedule or {@code Cipher.getInstance}.
 *
 * <p>Used for AES-GCM. BouncyCastle signals a bad tag with an exception; it is caught here and
 * turned into -1, so callers never see one, but each forgery still pays for its construction
 * ({@link ChaCha20Poly1305Aead} avoids even that).
 */
public abstract class BcAead implements Aead {

    private final AEADCipher cipher;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private KeyParameter keyForNextInit;

    protected BcAead(AEADCipher cipher, byte[] key) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AEAD key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        this.keyForNextInit = new KeyParameter(key);
    }

    @Override
    public final int seal(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                          byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead.writeNonce(nonce, linkId, counter);
        return sealWithNonce(nonce, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
    }

    @Override
    public final int open(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                          byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead.writeNonce(nonce, linkId, counter);
        return openWithNonce(nonce, aad, aadOff, aadLen, in, inOff, inLen, out, outOff);
    }

    @Override
    public final int sealAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                       byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead.writeNonce(nonce, linkId, counter);
        init(true, nonce);
        cipher.processAADBytes(aad, aadOff, aadLen);
        cipher.processAADBytes(in, inOff, inLen);
        System.arraycopy(in, inOff, out, outOff, inLen);
        return inLen + finish(out, outOff + inLen);
    }

    @Override
    public final int openAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                       byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        int payloadLen = inLen - TAG_LENGTH;
        if (payloadLen < 0) {
            return -1;
        }
        Aead.writeNonce(nonce, linkId, counter);
        init(false, nonce);
        cipher.processAADBytes(aad, aadOff, aadLen);
        cipher.processAADBytes(in, inOff, payloadLen);
        // The tag is the whole "ciphertext" of an empty plaintext.
        cipher.processBytes(in, inOff + payloadLen, TAG_LENGTH, out, outOff);
        try {
            cipher.doFinal(out, outOff);
        } catch (InvalidCipherTextException e) {
            return -1;
        }
        System.arraycopy(in, inOff, out, outOff, payloadLen);
        return payloadLen;
    }

    /**
     * Encrypts with an explicit 12-byte nonce (for test vectors whose nonce layout is not Braid's).
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    public final int sealWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                                   byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        init(true, nonce12);
        cipher.processAADBytes(aad, aadOff, aadLen);
        int written = cipher.processBytes(in, inOff, inLen, out, outOff);
        return written + finish(out, outOff + written);
    }

    /**
     * Decrypts with an explicit 12-byte nonce.
     *
     * @return plaintext length, or -1 on a bad tag or short input
     */
    public final int openWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                                   byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (inLen < TAG_LENGTH) {
            return -1;
        }
        init(false, nonce12);
        cipher.processAADBytes(aad, aadOff, aadLen);
        int written = cipher.processBytes(in, inOff, inLen, out, outOff);
        try {
            return written + cipher.doFinal(out, outOff + written);
        } catch (InvalidCipherTextException e) {
            return -1;
        }
    }

    private void init(boolean forEncryption, byte[] nonce12) {
        cipher.init(forEncryption, new AEADParameters(keyForNextInit, TAG_LENGTH * 8, nonce12));
        keyForNextInit = null;
    }

    private int finish(byte[] out, int outOff) {
        try {
            return cipher.doFinal(out, outOff);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail a tag check", e);
        }
    }
}
