package dev.braid.core.wire;

/** Why a packet was dropped; every drop on the data path is counted under one of these. */
public enum DropReason {
    TOO_SHORT,
    BAD_VERSION,
    BAD_TYPE,
    BAD_HEADER,
    MALFORMED_BODY,
    UNKNOWN_SESSION,
    UNKNOWN_LINK,
    BAD_TAG,
    REPLAY,
    UNKNOWN_EPOCH,
    /** Neither an IPv4 nor an IPv6 packet (no version 4 or 6 header). */
    NOT_IP,
    /** An IPv6 packet in a session without an IPv6 address (the proxy has no client-pool6), or the
     * client kernel's own IPv6 chatter on its TUN (link-local sources). */
    NO_IPV6,
    NO_ROUTE,
    SPOOFED_SOURCE,
    NO_LINK,
    CONGESTION,
    /** The data path's own queue was full, in packets or in waiting time (e.g. multilink's queue while no link has room). */
    QUEUE_FULL,
    /** The data path's queue management (e.g. multilink's CoDel) dropped it: its flow kept a standing queue. */
    AQM,
    /** The UDP socket's send buffer and Netty's queue above it were full. */
    SOCKET_FULL,
    RATE_LIMITED,
    /** A HELLO with a valid cookie beyond its address's or subnet's HELLO budget (proxy). */
    HELLO_RATE_LIMITED,
    /** A login message that found the login workers' queue full (proxy; a HELLO is answered BUSY). */
    LOGIN_QUEUE_FULL,
    /** A HELLO beyond the open handshakes the clients can answer in time (proxy; answered BUSY). */
    LOGIN_BUSY,
    /** A handshake message the proxy never answers with (CHALLENGE, ACCEPT, … sent to the proxy). */
    UNEXPECTED_HANDSHAKE,
    /** A login reply not from the proxy's address or answering none of this login's messages (client). */
    UNMATCHED_HANDSHAKE,
    /** An UNKNOWN_SESSION without the session's token (client). */
    FORGED_UNKNOWN_SESSION,
    UNKNOWN_CONTROL_TYPE,
    /** Data for a link whose address no path challenge has proven yet (proxy). */
    UNVALIDATED_PATH,
    /** A send to an unvalidated address beyond 3x what came from it (proxy). */
    AMPLIFICATION_LIMIT,
    /** A PATH_RESPONSE from an address or with bytes that match no outstanding challenge (proxy). */
    UNMATCHED_PATH_RESPONSE,
    HANDSHAKE_REJECTED,
    TOO_LARGE,
    CLOSED;

    /** The lower-case, dash-separated name used in logs and `braid status`. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
