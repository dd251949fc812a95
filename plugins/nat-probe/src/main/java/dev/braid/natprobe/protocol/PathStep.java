package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;

/**
 * What {@link PathValidator} asks its caller to do.
 *
 * @param kind    what happened
 * @param address the challenged, moved-to or abandoned address (null for NOTHING)
 * @param token   the challenge token (CHALLENGE only)
 */
public record PathStep(Kind kind, InetSocketAddress address, long token) {
    public enum Kind {
        NOTHING,
        /** Send PATH_CHALLENGE with {@code token} to {@code address}. */
        CHALLENGE,
        /** Validated: move the link to {@code address}. */
        MOVE,
        /** No answer from {@code address}: the link stays where it was. */
        GAVE_UP,
        /** A PATH_RESPONSE that matches no outstanding challenge; nothing changes. */
        IGNORED_RESPONSE
    }

    public static final PathStep NOTHING = new PathStep(Kind.NOTHING, null, 0);

    static PathStep challenge(InetSocketAddress address, long token) {
        return new PathStep(Kind.CHALLENGE, address, token);
    }

    static PathStep move(InetSocketAddress address) {
        return new PathStep(Kind.MOVE, address, 0);
    }

    static PathStep gaveUp(InetSocketAddress address) {
        return new PathStep(Kind.GAVE_UP, address, 0);
    }

    static PathStep ignored(InetSocketAddress address) {
        return new PathStep(Kind.IGNORED_RESPONSE, address, 0);
    }
}
