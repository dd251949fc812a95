package dev.braid.core.session;

import dev.braid.core.path.PathMtuProbe;
import dev.braid.core.path.PathValidator;
import dev.braid.core.spi.LinkCounters;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkUse;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One link of a session: which channel sends, to which address. On the client every link owns its
 * channel (bound to its interface); on the proxy all links share the listening channel and differ
 * by remote address, which only its {@link PathValidator} changes. Mutated only on the session's
 * event loop.
 */
public final class Link implements LinkHandle {
    private final int id;
    private volatile String name;
    private final Channel channel;
    private final LinkCounters counters = new LinkCounters();
    private final PathValidator path;
    private volatile InetSocketAddress remote;
    /** Liveness as extensions report it; the link carries data only when also validated. */
    private volatile boolean up = true;
    private volatile boolean validated;
    private volatile LinkUse use = LinkUse.DEFAULT;
    private long downSinceNanos;
    private long lastReceiveNanos;
    private long lastSendNanos;
    private final KeepaliveRtt rtt = new KeepaliveRtt();
    private final RateMeter rates = new RateMeter();
    private long lastRttSampleNanos;
    /** Client: the link's path MTU prober (null when probing is off); proxy: what the client reported. */
    private PathMtuProbe mtuProbe;
    private volatile int reportedPathMtu = -1;

    /**
     * @param remote where the link sends: its validated address, or (while {@code path} has none)
     *               the address being challenged
     */
    Link(int id, String name, Channel channel, InetSocketAddress remote, PathValidator path) {
        this.id = id;
        this.name = name;
        this.channel = channel;
        this.remote = remote;
        this.path = path;
        this.validated = path.validatedAddress() != null;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Alive and validated: only then does the data path send on it. */
    @Override
    public boolean isUp() {
        return up && validated;
    }

    @Override
    public LinkUse use() {
        return use;
    }

    void setUse(LinkUse use) {
        this.use = use;
    }

    /** Whether the link has an address proven by a path challenge (or by the login). */
    public boolean isValidated() {
        return validated;
    }

    PathValidator path() {
        return path;
    }

    @Override
    public LinkCounters counters() {
        return counters;
    }

    public Channel channel() {
        return channel;
    }

    /** The proxy learns a link's name from the client's JOIN. */
    void rename(String name) {
        this.name = name;
    }

    void setRemote(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** The path validator proved {@code address}. @return true if {@link #isUp()} changed */
    boolean validated(InetSocketAddress address) {
        boolean wasUp = isUp();
        remote = address;
        validated = true;
        return wasUp != isUp();
    }

    /** @return true if {@link #isUp()} changed */
    boolean setUp(boolean up, long nowNanos) {
        boolean wasUp = isUp();
        if (this.up && !up) {
            downSinceNanos = nowNanos;
        }
        this.up = up;
        return wasUp != isUp();
    }

    /** Whether an extension marked it down (a link still validating is not down). */
    boolean isMarkedDown() {
        return !up;
    }

    /** When an extension last marked it down; meaningful while {@link #isMarkedDown()}. */
    long downSinceNanos() {
        return downSinceNanos;
    }

    long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    /** Smoothed round-trip time from keepalives (RFC 6298 gain 1/8), or -1 before a sample. */
    public long srttNanos() {
        return rtt.smoothedNanos();
    }

    /** RFC 6298's RTTVAR of the keepalive samples, or -1 before a sample. */
    public long rttVarianceNanos() {
        return rtt.varianceNanos();
    }

    /** The smallest keepalive RTT seen, or -1 before a sample. */
    public long minRttNanos() {
        return rtt.minNanos();
    }

    /** Sent bits per second over the last rate window. */
    public long bitsPerSecondOut() {
        return rates.bitsPerSecondOut();
    }

    /** Received bits per second over the last rate window. */
    public long bitsPerSecondIn() {
        return rates.bitsPerSecondIn();
    }

    void sampleRates(long nowNanos) {
        rates.sample(nowNanos, counters.bytesOut(), counters.bytesIn());
    }

    public long lastRttSampleNanos() {
        return lastRttSampleNanos;
    }

    void rttSample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        lastRttSampleNanos = lastReceiveNanos;
        rtt.sample(rttNanos);
    }

    public long lastSendNanos() {
        return lastSendNanos;
    }

    void sent(long nowNanos, int bytes) {
        lastSendNanos = nowNanos;
        counters.sent(bytes);
    }

    void received(long nowNanos, int bytes) {
        lastReceiveNanos = nowNanos;
        counters.received(bytes);
    }

    PathMtuProbe mtuProbe() {
        return mtuProbe;
    }

    void probeMtu(PathMtuProbe probe) {
        this.mtuProbe = probe;
    }

    void reportedPathMtu(int mtu) {
        this.reportedPathMtu = mtu;
    }

    /** The largest outer packet the link's path carries, probed (client) or reported (proxy); -1 if unknown. */
    public int pathMtu() {
        PathMtuProbe probe = mtuProbe;
        return probe != null ? probe.pathMtu() : reportedPathMtu;
    }

    @Override
    public String toString() {
        return name + "#" + id + "->" + remote;
    }
}
