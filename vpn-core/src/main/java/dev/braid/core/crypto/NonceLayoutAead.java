package dev.braid.core.crypto;

/**
 * What every Braid AEAD shares: the key-length check and the step from (link id, counter) to
 * Braid's nonce; subclasses implement the cipher with an explicit 12-byte nonce.
 */
public abstract class NonceLayoutAead implements Aead {
    /** Scratch nonce, written per packet; instances are single-threaded. */
    protected final byte[] nonce = new byte[NONCE_LENGTH];

    protected NonceLayoutAead(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AEAD key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
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

    /**
     * Encrypts with an explicit 12-byte nonce (also for test vectors whose nonce layout is not Braid's).
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    public abstract int sealWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                                      byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Decrypts with an explicit 12-byte nonce.
     *
     * @return plaintext length, or -1 on a bad tag or short input
     */
    public abstract int openWithNonce(byte[] nonce12, byte[] aad, int aadOff, int aadLen,
                                      byte[] in, int inOff, int inLen, byte[] out, int outOff);
}
