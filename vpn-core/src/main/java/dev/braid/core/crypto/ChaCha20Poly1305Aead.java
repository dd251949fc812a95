package dev.braid.core.crypto;

import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

/**
 * ChaCha20-Poly1305 (RFC 8439 §2.8) built from BouncyCastle's ChaCha7539 engine and Poly1305.
 * Built by hand rather than with BC's {@code ChaCha20Poly1305} so that opening checks the tag
 * BEFORE decrypting and reports a forgery by returning -1, without an exception and without
 * touching the output buffer: forged packets cost one MAC and nothing else.
 *
 * <p>Not thread-safe; one instance per direction and thread.
 */
public final class ChaCha20Poly1305Aead extends NonceLayoutAead {

    private static final byte[] ZEROS = new byte[64];

    private final ChaCha7539Engine engine = new ChaCha7539Engine();
    private final Poly1305 mac = new Poly1305();
    private final byte[] block0 = new byte[64];
    private final byte[] tag = new byte[TAG_LENGTH];
    private final byte[] lengths = new byte[16];
    private KeyParameter keyForNextInit;

    public ChaCha20Poly1305Aead(byte[] key) {
        super(key);
        this.keyForNextInit = new KeyParameter(key);
    }

    @Override
    public int sealAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                 byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead.writeNonce(nonce, linkId, counter);
        start(nonce);
        // AEAD with AAD = aad | payload and an empty plaintext.
        macAad(aad, aadOff, aadLen, in, inOff, inLen);
        macLengths(aadLen + inLen, 0);
        System.arraycopy(in, inOff, out, outOff, inLen);
        mac.doFinal(out, outOff + inLen);
        return inLen + TAG_LENGTH;
    }

    @Override
    public int openAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                 byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        int payloadLen = inLen - TAG_LENGTH;
        if (payloadLen < 0) {
            return -1;
        }
        Aead.writeNonce(nonce, linkId, counter);
        start(nonce);
        macAad(aad, aadOff, aadLen, in, inOff, payloadLen);
        macLengths(aadLen + payloadLen, 0);
        mac.doFinal(tag, 0);
        if (!Arrays.constantTimeAreEqual(TAG_LENGTH, tag, 0, in, inOff + payloadLen)) {
            return -1;
        }
        System.arraycopy(in, inOff, out, outOff, payloadLen);
        return payloadLen;
    }

    /**
     * Encrypts with an explicit 12-byte nonce (for RFC test vectors).
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    @Override
    public int sealWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                             byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        start(nonce12);
        engine.processBytes(in, inOff, inLen, out, outOff);
        macAad(aad, aadOff, aadLen, null, 0, 0);
        macCiphertext(out, outOff, inLen);
        macLengths(aadLen, inLen);
        mac.doFinal(out, outOff + inLen);
        return inLen + TAG_LENGTH;
    }

    /**
     * Verifies, then decrypts, with an explicit 12-byte nonce. On failure {@code out} is untouched.
     *
     * @return plaintext length, or -1 on a bad tag or short input
     */
    @Override
    public int openWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                             byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        int plainLen = inLen - TAG_LENGTH;
        if (plainLen < 0) {
            return -1;
        }
        start(nonce12);
        macAad(aad, aadOff, aadLen, null, 0, 0);
        macCiphertext(in, inOff, plainLen);
        macLengths(aadLen, plainLen);
        mac.doFinal(tag, 0);
        if (!Arrays.constantTimeAreEqual(TAG_LENGTH, tag, 0, in, inOff + plainLen)) {
            return -1;
        }
        engine.processBytes(in, inOff, plainLen, out, outOff);
        return plainLen;
    }

    /** Keys the cipher for this nonce and Poly1305 with the first 32 bytes of keystream block 0. */
    private void start(byte[] nonce12) {
        engine.init(true, new ParametersWithIV(keyForNextInit, nonce12));
        keyForNextInit = null; // the engine keeps the key; later inits only change the nonce
        engine.processBytes(ZEROS, 0, 64, block0, 0); // leaves the engine at block counter 1
        mac.init(new KeyParameter(block0, 0, 32));
    }

    private void macAad(byte[] aad, int aadOff, int aadLen, byte[] extra, int extraOff, int extraLen) {
        mac.update(aad, aadOff, aadLen);
        if (extraLen > 0) {
            mac.update(extra, extraOff, extraLen);
        }
        pad16(aadLen + extraLen);
    }

    private void macCiphertext(byte[] ciphertext, int off, int len) {
        mac.update(ciphertext, off, len);
        pad16(len);
    }

    private void pad16(int length) {
        int rest = length & 15;
        if (rest != 0) {
            mac.update(ZEROS, 0, 16 - rest);
        }
    }

    private void macLengths(long aadLen, long ciphertextLen) {
        for (int i = 0; i < 8; i++) {
            lengths[i] = (byte) (aadLen >>> (8 * i));
            lengths[8 + i] = (byte) (ciphertextLen >>> (8 * i));
        }
        mac.update(lengths, 0, 16);
    }
}
