package dev.braid.core.crypto;

import org.bouncycastle.crypto.modes.ChaCha20Poly1305;

/** ChaCha20-Poly1305 (RFC 8439) via BouncyCastle's lightweight implementation. */
public final class ChaCha20Poly1305Aead extends BcAead {

    public ChaCha20Poly1305Aead(byte[] key) {
        super(new ChaCha20Poly1305(), key);
    }
}
