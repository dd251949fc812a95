package dev.braid.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;
import org.bouncycastle.util.BigIntegers;

/**
 * BouncyCastle's SRP-6a server with a 256-bit ephemeral secret b, as RFC 5054 §2.5.3 allows
 * ("at least 256 bits"). BC 1.87 draws b at full group size and then blinds it with a multiple of
 * N-1, so each of the server's two exponentiations runs a 3080-bit exponent (about 14 ms); with
 * 256 bits they cost about a tenth, which is what a HELLO flood buys from the proxy.
 *
 * <p>Without the blinding, the exponentiation's timing depends on b. b is fresh per handshake and
 * used in two exponentiations only, so a timing observer gets two samples per secret; that is the
 * trade accepted here. Evidence messages and the session key stay BC's (they read A, B and S).
 */
final class ShortExponentSrpServer extends SRP6Server {

    static final int SECRET_BITS = 256;

    @Override
    protected BigInteger selectPrivateValue() {
        // Top bit set: the secret always has its full 256 bits of work and entropy range.
        return BigIntegers.createRandomBigInteger(SECRET_BITS, random).setBit(SECRET_BITS - 1);
    }

    /** Bit length of this handshake's secret b (for tests). */
    int secretBitLength() {
        return b.bitLength();
    }

    @Override
    public BigInteger generateServerCredentials() {
        BigInteger k = SRP6Util.calculateK(digest, N, g);
        b = selectPrivateValue();
        B = k.multiply(v).mod(N).add(g.modPow(b, N)).mod(N);
        return B;
    }

    @Override
    public BigInteger calculateSecret(BigInteger clientA) throws CryptoException {
        A = SRP6Util.validatePublicValue(N, clientA);
        u = SRP6Util.calculateU(digest, N, A, B);
        S = v.modPow(u, N).multiply(A).mod(N).modPow(b, N);
        return S;
    }
}
