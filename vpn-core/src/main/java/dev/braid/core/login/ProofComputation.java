package dev.braid.core.login;

import org.bouncycastle.crypto.agreement.srp.SRP6Client;

/** Result of {@link ProofWork#compute()}; opaque to callers, hand it to {@link ClientLogin#completeProof}. */
public final class ProofComputation {

    final int handshakeId;
    final SRP6Client client;
    final byte[] paddedA;
    final byte[] m1;
    final String error;

    ProofComputation(int handshakeId, SRP6Client client, byte[] paddedA, byte[] m1, String error) {
        this.handshakeId = handshakeId;
        this.client = client;
        this.paddedA = paddedA;
        this.m1 = m1;
        this.error = error;
    }
}
