package dev.braid.core.login;

/** What the caller must do after feeding {@link ClientLogin} a message, a timeout or a finished proof. */
public sealed interface ClientEvent {

    /** Nothing to do (stray, duplicate or malformed message; deadline not reached). */
    record Nothing() implements ClientEvent {
    }

    /**
     * The message answers no handshake of this login: its client nonce or handshake id does not
     * match (a late answer to an earlier attempt, or a forgery). Ignored; the caller counts it.
     */
    record Unmatched() implements ClientEvent {
    }

    /** Send this body (wrapped in the Braid header) to the proxy. */
    record Send(byte[] body) implements ClientEvent {
    }

    /**
     * Run {@link ProofWork#compute()} off the event loop (it costs an Argon2id run), then pass its
     * result to {@link ClientLogin#completeProof}.
     */
    record ComputeProof(ProofWork work) implements ClientEvent {
    }

    record Succeeded(LoginResult result) implements ClientEvent {
    }

    record Failed(LoginFailure failure) implements ClientEvent {
    }

    ClientEvent NOTHING = new Nothing();
    ClientEvent UNMATCHED = new Unmatched();
}
