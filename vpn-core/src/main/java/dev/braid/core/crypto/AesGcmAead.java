package dev.braid.core.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;

/** AES-256-GCM (SP 800-38D) via BouncyCastle's lightweight implementation, 16-byte tag. */
public final class AesGcmAead extends BcAead {

    public AesGcmAead(byte[] key) {
        super(GCMBlockCipher.newInstance(AESEngine.newInstance()), key);
    }
}
