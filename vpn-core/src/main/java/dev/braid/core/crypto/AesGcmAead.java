package dev.braid.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (SP 800-38D), 16-byte tag, through the JDK's provider: it uses the CPU's AES and
 * carry-less multiply instructions, about 20x faster per packet than a pure-Java AES (see
 * docs/benchmarks-forwarding.md). One {@link Cipher} per instance, re-initialised per packet with
 * the packet's nonce; the JDK verifies the tag before it releases any plaintext.
 */
public final class AesGcmAead extends NonceLayoutAead {
    private static final byte[] EMPTY = new byte[0];

    private final Cipher cipher;
    private final SecretKeySpec key;

    public AesGcmAead(byte[] key) {
        super(key);
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM", e);
        }
    }

    @Override
    public int sealAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                 byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        Aead.writeNonce(nonce, linkId, counter);
        try {
            init(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(aad, aadOff, aadLen);
            cipher.updateAAD(in, inOff, inLen);
            System.arraycopy(in, inOff, out, outOff, inLen);
            return inLen + cipher.doFinal(EMPTY, 0, 0, out, outOff + inLen);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    @Override
    public int openAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                                 byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        int payloadLen = inLen - TAG_LENGTH;
        if (payloadLen < 0) {
            return -1;
        }
        Aead.writeNonce(nonce, linkId, counter);
        try {
            init(Cipher.DECRYPT_MODE, nonce);
            cipher.updateAAD(aad, aadOff, aadLen);
            cipher.updateAAD(in, inOff, payloadLen);
            cipher.doFinal(in, inOff + payloadLen, TAG_LENGTH, EMPTY, 0); // the tag of an empty plaintext
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
        System.arraycopy(in, inOff, out, outOff, payloadLen);
        return payloadLen;
    }

    /**
     * Encrypts with an explicit 12-byte nonce (for test vectors whose nonce layout is not Braid's).
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    @Override
    public int sealWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                             byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, nonce12);
            cipher.updateAAD(aad, aadOff, aadLen);
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * Decrypts with an explicit 12-byte nonce.
     *
     * @return plaintext length, or -1 on a bad tag or short input
     */
    @Override
    public int openWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                             byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (inLen < TAG_LENGTH) {
            return -1;
        }
        try {
            init(Cipher.DECRYPT_MODE, nonce12);
            cipher.updateAAD(aad, aadOff, aadLen);
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    private void init(int mode, byte[] nonce12) throws GeneralSecurityException {
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce12));
    }
}
