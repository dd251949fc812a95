package dev.braid.core.login;

import java.util.Optional;

/**
 * What the proxy must do after a login message: maybe send a reply to the message's source, and
 * maybe create a session (only once per handshake, never for a retransmitted PROOF).
 */
public final class ServerResponse {

    static final ServerResponse SILENT = new ServerResponse(null, null);

    private final byte[] reply;
    private final EstablishedLogin established;

    ServerResponse(byte[] reply, EstablishedLogin established) {
        this.reply = reply;
        this.established = established;
    }

    static ServerResponse replyWith(byte[] reply) {
        return new ServerResponse(reply, null);
    }

    /** Body to send back (the caller adds the Braid header); empty means send nothing. */
    public Optional<byte[]> reply() {
        return Optional.ofNullable(reply);
    }

    public Optional<EstablishedLogin> established() {
        return Optional.ofNullable(established);
    }
}
