package dev.braid.core.crypto;

/**
 * An AEAD bound to one 32-byte key, with Braid's nonce layout:
 * {@code nonce = linkId (u32 little-endian) | counter (u64 little-endian)}, 12 bytes, 16-byte tag.
 *
 * <p>Two protection levels per packet: {@link #seal}/{@link #open} encrypt and authenticate;
 * {@link #sealAuthenticated}/{@link #openAuthenticated} leave the payload in clear and authenticate
 * AAD and payload together (the AEAD with everything as AAD and an empty plaintext). Control
 * packets use the latter when the session has no encryption.
 *
 * <p>Not thread-safe: one instance per direction and thread. Methods never throw on bad input
 * from the network; a failed check returns {@code -1}. In-place operation ({@code in == out} at
 * the same offset) is supported. On failure the output region may hold garbage.
 */
public interface Aead {

    int KEY_LENGTH = 32;
    int NONCE_LENGTH = 12;
    int TAG_LENGTH = 16;

    /**
     * Encrypts {@code in} into {@code out} and appends the tag.
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    int seal(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
             byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Verifies and decrypts {@code in} (ciphertext followed by tag) into {@code out}.
     *
     * @return plaintext length, or -1 when the tag does not verify or the input is shorter than a tag
     */
    int open(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
             byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Copies {@code in} to {@code out} unencrypted and appends a tag over AAD and payload.
     *
     * @return bytes written: {@code inLen + TAG_LENGTH}
     */
    int sealAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                          byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Verifies the tag over AAD and the clear payload ({@code in} = payload followed by tag) and
     * copies the payload to {@code out}.
     *
     * @return payload length, or -1 when the tag does not verify
     */
    int openAuthenticated(int linkId, long counter, byte[] aad, int aadOff, int aadLen,
                          byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /** Writes Braid's 12-byte nonce for (linkId, counter) into {@code nonce}. */
    static void writeNonce(byte[] nonce, int linkId, long counter) {
        for (int i = 0; i < 4; i++) {
            nonce[i] = (byte) (linkId >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
    }
}
