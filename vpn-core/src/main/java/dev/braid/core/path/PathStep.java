package dev.braid.core.path;

import java.net.InetSocketAddress;

/**
 * What {@link PathValidator} asks its caller to do.
 *
 * @param kind      what happened
 * @param address   the challenged, validated or abandoned address (null for NOTHING)
 * @param challenge the challenge bytes to send (CHALLENGE only; not copied)
 */
public record PathStep(Kind kind, InetSocketAddress address, byte[] challenge) {
    public enum Kind {
        NOTHING,
        /** Send PATH_CHALLENGE with {@code challenge} to {@code address}. */
        CHALLENGE,
        /** {@code address} answered: the link's data goes there from now on. */
        VALIDATED,
        /** No answer from {@code address}: the link stays where it was (or, never validated, goes). */
        GAVE_UP,
        /** A PATH_RESPONSE that matches no outstanding challenge; nothing changes. */
        IGNORED_RESPONSE
    }

    public static final PathStep NOTHING = new PathStep(Kind.NOTHING, null, null);

    static PathStep challenge(InetSocketAddress address, byte[] challenge) {
        return new PathStep(Kind.CHALLENGE, address, challenge);
    }

    static PathStep of(Kind kind, InetSocketAddress address) {
        return new PathStep(kind, address, null);
    }
}
