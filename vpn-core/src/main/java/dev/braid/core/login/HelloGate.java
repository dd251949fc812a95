package dev.braid.core.login;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * The cheap check every HELLO passes before a login worker spends an exponentiation on it.
 * Sans-I/O; the event loop owns it (microseconds per HELLO).
 *
 * <pre>
 * undecodable                    -> MALFORMED (dropped, counted)
 * version other than ours        -> REPLY legacy REJECT UNSUPPORTED_VERSION  } within the budget of
 * no valid cookie for its address -> REPLY COOKIE (33 bytes for a 1150-byte HELLO) } unauthenticated replies
 * valid cookie, over the address's or its subnet's HELLO budget -> RATE_LIMITED (counted; with
 *                                   the time until the budget has room, for a BUSY to a client that
 *                                   understands it, else dropped and the client retransmits)
 * valid cookie, within budget    -> ADMIT (on to admission and the login workers' queue)
 * </pre>
 * A spoofed source never sees its cookie, so it never reaches the login workers; a real one is
 * held to a few HELLOs per second, its /24 (or /64) to a few more.
 */
public final class HelloGate {

    /**
     * @param perAddress  admitted HELLOs per source address
     * @param perSubnet   admitted HELLOs per /24 or /64
     * @param replies     cookies and version refusals sent, all sources together
     */
    public record Limits(RateLimit perAddress, RateLimit perSubnet, RateLimit replies) {

        public static Limits defaults() {
            return new Limits(new RateLimit(5, Duration.ofMillis(500)), new RateLimit(20, Duration.ofMillis(100)),
                    new RateLimit(2_000, Duration.ofNanos(50_000)));
        }
    }

    public enum Outcome { ADMIT, REPLY, RATE_LIMITED, MALFORMED }

    /**
     * {@code reply} is the body to send back for {@link Outcome#REPLY}, else null; {@code hello} the
     * decoded HELLO for ADMIT and a budget's RATE_LIMITED (else null), {@code retryAfter} how long
     * until that budget has room (zero otherwise).
     */
    public record Verdict(Outcome outcome, byte[] reply, LoginMessages.Hello hello, Duration retryAfter) {
        static final Verdict RATE_LIMITED = new Verdict(Outcome.RATE_LIMITED, null, null, Duration.ZERO);
        static final Verdict MALFORMED = new Verdict(Outcome.MALFORMED, null, null, Duration.ZERO);
    }

    private static final String ALL = "";

    private final LoginCookies cookies;
    private final TokenBuckets perAddress;
    private final TokenBuckets perSubnet;
    private final TokenBuckets replies;
    /** BUSYs per source address: a client hears one per HELLO, a flood a few a second (never its rate). */
    private final TokenBuckets busyPerAddress = new RateLimit(2, Duration.ofMillis(500)).newBuckets();

    public HelloGate(Limits limits, SecureRandom random) {
        Objects.requireNonNull(limits, "limits");
        this.cookies = new LoginCookies(random);
        this.perAddress = limits.perAddress().newBuckets();
        this.perSubnet = limits.perSubnet().newBuckets();
        this.replies = limits.replies().newBuckets();
    }

    public Verdict check(InetAddress source, byte[] helloBody, long nowNanos) {
        LoginMessages.Hello hello;
        try {
            hello = LoginMessages.decodeHello(helloBody);
        } catch (MalformedLoginMessageException e) {
            return Verdict.MALFORMED;
        }
        byte[] address = source.getAddress();
        if (hello.version() != LoginMessages.PROTOCOL_VERSION) {
            return reply(LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION), nowNanos);
        }
        if (!cookies.valid(hello.cookie(), address, hello.clientNonce(), nowNanos)) {
            return reply(LoginMessages.encodeCookie(hello.clientNonce(),
                    cookies.issue(address, hello.clientNonce(), nowNanos)), nowNanos);
        }
        // Both must have a token before either pays, so refused HELLOs cost no budget.
        String subnet = Subnets.of(source);
        String host = source.getHostAddress();
        if (!perSubnet.allowed(subnet, nowNanos) || !perAddress.allowed(host, nowNanos)) {
            long wait = Math.max(perSubnet.nanosUntilAllowed(subnet, nowNanos),
                    perAddress.nanosUntilAllowed(host, nowNanos));
            return new Verdict(Outcome.RATE_LIMITED, null, hello, Duration.ofNanos(wait));
        }
        perSubnet.take(subnet, nowNanos);
        perAddress.take(host, nowNanos);
        return new Verdict(Outcome.ADMIT, null, hello, Duration.ZERO);
    }

    /**
     * The answer to a HELLO the proxy has no room for (its budget, the login queue or the open
     * handshakes are full), within the budget of unauthenticated replies: BUSY for a client that
     * understands it, REJECT RATE_LIMITED for an older one (which would ignore a BUSY and time
     * out). Both are far smaller than the HELLO. At most 2, then one per 500 ms, go to one
     * address: a flood gets no more, so answering it costs nothing. @return the body, or null
     * when over a budget
     */
    public byte[] busyReply(InetAddress source, LoginMessages.Hello hello, Duration retryAfter, long nowNanos) {
        String host = source.getHostAddress();
        if (!busyPerAddress.allowed(host, nowNanos) || !replies.tryTake(ALL, nowNanos)) {
            return null;
        }
        busyPerAddress.take(host, nowNanos);
        return hello.understandsBusy() ? LoginMessages.encodeBusy(retryAfter, hello.clientNonce())
                : LoginMessages.encodeReject(0, RejectReason.RATE_LIMITED, hello.clientNonce());
    }

    private Verdict reply(byte[] body, long nowNanos) {
        return replies.tryTake(ALL, nowNanos) ? new Verdict(Outcome.REPLY, body, null, Duration.ZERO)
                : Verdict.RATE_LIMITED;
    }
}
