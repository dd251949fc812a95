package dev.braid.core.session;

import dev.braid.core.config.Durations;
import dev.braid.core.logging.FloodProofLog;
import dev.braid.core.path.PathStep;
import dev.braid.core.path.PathValidator;
import dev.braid.core.spi.DataPath;
import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.ControlType;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.Ipv4;
import dev.braid.core.wire.Ipv6;
import dev.braid.core.wire.Ipv6Address;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established session at either end: its links, its packet protection, its data path and the
 * plugins' session extensions. Everything here runs on the session's event loop.
 *
 * <p>Receive: datagram -> authenticate/decrypt -> path check (proxy: a new source address is
 * challenged, never followed) -> DATA to the data path (-> TUN) or CONTROL to the core, the data
 * path or an extension by control code. Send: data path -> anti-amplification check (proxy) ->
 * header with the link's next counter -> seal -> UDP to the link's validated address. Timer: the
 * data path's and extensions' deadlines, path challenge retries, path MTU probes (client), expiry
 * of links DOWN too long. The tunnel MTU follows the links' path MTUs ({@link SessionMtu}).
 */
public final class Session implements ExtensionContext {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final SessionIdentity identity;
    private final SessionCrypto crypto;
    private final EventLoop loop;
    private final Clock clock;
    private final FloodProofLog linkLog;
    private final ByteBufAllocator alloc;
    private final TunSink tun;
    private final DropCounters drops;
    private final SessionEvents events;
    private final LinkPolicy policy;
    private final Map<Integer, Link> links = new LinkedHashMap<>();
    private final Map<Integer, Consumer<ControlMessage>> controlHandlers = new HashMap<>();
    private final List<SessionExtension> extensions = new ArrayList<>();
    private List<LinkHandle> linkSnapshot = List.of();
    private DataPath dataPath;
    private String dataPathName = "";
    private ScheduledFuture<?> timer;
    private long timerDeadline = Long.MAX_VALUE;
    private long lastReceiveNanos;
    private long linksExpired;
    private long pathsAbandoned;
    private boolean closed;
    private final SessionMtu mtu = new SessionMtu(this);

    public Session(SessionIdentity identity, SessionCrypto crypto, EventLoop loop, Clock clock,
                   ByteBufAllocator alloc, TunSink tun, DropCounters drops, SessionEvents events) {
        this(identity, crypto, loop, clock, alloc, tun, drops, events, LinkPolicy.defaults());
    }

    public Session(SessionIdentity identity, SessionCrypto crypto, EventLoop loop, Clock clock,
                   ByteBufAllocator alloc, TunSink tun, DropCounters drops, SessionEvents events, LinkPolicy policy) {
        this.policy = policy;
        this.identity = identity;
        this.crypto = crypto;
        this.loop = loop;
        this.clock = clock;
        this.alloc = alloc;
        this.tun = tun;
        this.drops = drops;
        this.events = events;
        this.lastReceiveNanos = clock.nanos();
        // A client can make its links join, move and leave at will: 10 lines per 10 s, then a summary.
        this.linkLog = new FloodProofLog("link changes of " + identity, Duration.ofSeconds(10), 10,
                log::info);
    }

    /** Creates the data path and the extensions. Call once, on the event loop, before traffic. */
    public void start(DataPathFactory dataPathFactory, List<SessionExtensionFactory> extensionFactories) {
        dataPath = dataPathFactory.create(this);
        dataPathName = dataPathFactory.name();
        mtu.start(crypto.maxOverhead(), dataPathFactory.dataHeaderBytes());
        for (int type : dataPathFactory.controlTypes()) {
            registerControl(type, dataPathFactory.name(), m -> dataPath.onControl(m.now, m.link, m.type, m.body));
        }
        for (SessionExtensionFactory factory : extensionFactories) {
            SessionExtension extension = factory.create(this);
            extensions.add(extension);
            for (int type : factory.controlTypes()) {
                registerControl(type, factory.name(), m -> extension.onControl(m.now, m.link, m.type, m.body));
            }
        }
        rearmTimer();
    }

    /** Plugins are told apart by control code; two claiming one code is a wiring bug. */
    private void registerControl(int type, String owner, Consumer<ControlMessage> handler) {
        if (type < ControlType.FIRST_PLUGIN_CODE || type > 0xff) {
            throw new IllegalStateException(owner + " claims control code " + type + ", outside the plugin range");
        }
        if (controlHandlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("control code " + type + " is claimed twice (second: " + owner + ")");
        }
    }

    public SessionIdentity identity() {
        return identity;
    }

    public Link link(int linkId) {
        return links.get(linkId);
    }

    /**
     * Adds a link whose address is proven: the proxy's first link (the login's cookie proved it)
     * or a client link (its remote is the configured proxy).
     */
    public Link addLink(int linkId, String name, io.netty.channel.Channel channel, InetSocketAddress remote) {
        return addLink(linkId, name, channel, remote, LinkUse.DEFAULT);
    }

    /** As {@link #addLink(int, String, io.netty.channel.Channel, InetSocketAddress)}, used as {@code use} from the start. */
    public Link addLink(int linkId, String name, io.netty.channel.Channel channel, InetSocketAddress remote, LinkUse use) {
        return addLink(linkId, name, channel, remote, PathValidator.validated(policy.path(), policy.random(), remote), use);
    }

    private Link addLink(int linkId, String name, io.netty.channel.Channel channel, InetSocketAddress remote,
                         PathValidator path, LinkUse use) {
        Link link = new Link(linkId, name, channel, remote, path);
        link.setUse(use);
        Link previous = links.put(linkId, link);
        linkSnapshot = List.copyOf(links.values());
        long now = clock.nanos();
        if (previous != null) {
            notifyRemoved(now, previous);
        }
        linkLog.event(name, now, () -> identity + ": link " + name + " joined (" + remote
                + (link.isValidated() ? ")" : ", validating)"));
        if (dataPath != null) {
            dataPath.onLinkAdded(now, link);
            if (!link.isUp()) {
                dataPath.onLinkStateChanged(now, link); // validating: no data on it until it answers
            }
            for (SessionExtension e : extensions) {
                e.onLinkAdded(now, link);
            }
            mtu.refresh("link " + name + " joined");
            rearmTimer();
        }
        return link;
    }

    public void removeLink(int linkId) {
        removeLink(linkId, "left");
    }

    private void removeLink(int linkId, String why) {
        Link link = links.remove(linkId);
        if (link == null) {
            return;
        }
        linkSnapshot = List.copyOf(links.values());
        long now = clock.nanos();
        linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + " " + why);
        notifyRemoved(now, link);
        mtu.refresh("link " + link.name() + " left");
        rearmTimer();
    }

    private void notifyRemoved(long now, Link link) {
        if (dataPath != null) {
            dataPath.onLinkRemoved(now, link);
            for (SessionExtension e : extensions) {
                e.onLinkRemoved(now, link);
            }
        }
    }

    /** Nanos of the last authenticated datagram from the peer. */
    public long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- receive

    /**
     * A datagram for this session arrived on a known {@code link}. The reader index of
     * {@code datagram} is at the body. Takes ownership of {@code datagram}.
     *
     * @return true if it authenticated
     */
    public boolean onDatagram(BraidHeader header, Link link, ByteBuf datagram, InetSocketAddress sender) {
        int wireBytes = BraidHeader.LENGTH + datagram.readableBytes();
        if (!authenticate(header, datagram)) {
            return false;
        }
        process(header, link, datagram, sender, wireBytes);
        return true;
    }

    /**
     * Proxy side: a datagram for this session on a link id the session does not have yet. If it
     * authenticates, the link joins unvalidated: its sender is challenged, and until it answers
     * the link carries no data and gets at most 3x what came from there. Takes ownership of
     * {@code datagram}.
     *
     * @return the new link, or null when the datagram did not authenticate
     */
    public Link onDatagramFromNewLink(BraidHeader header, io.netty.channel.Channel channel, ByteBuf datagram,
                                      InetSocketAddress sender) {
        int wireBytes = BraidHeader.LENGTH + datagram.readableBytes();
        if (!authenticate(header, datagram)) {
            return null;
        }
        Link link = addLink(header.linkId(), "link" + header.linkId(), channel, sender,
                PathValidator.unvalidated(policy.path(), policy.random()), LinkUse.DEFAULT);
        process(header, link, datagram, sender, wireBytes);
        return link;
    }

    /** Releases and counts the datagram unless it is authentic (and now decrypted in place). */
    private boolean authenticate(BraidHeader header, ByteBuf datagram) {
        if (closed) {
            datagram.release();
            drops.count(DropReason.CLOSED);
            return false;
        }
        DropReason bad = crypto.open(header, datagram);
        if (bad != null) {
            datagram.release();
            drops.count(bad);
            return false;
        }
        return true;
    }

    private void process(BraidHeader header, Link link, ByteBuf datagram, InetSocketAddress sender, int wireBytes) {
        long now = clock.nanos();
        lastReceiveNanos = now;
        link.received(now, datagram.readableBytes());
        if (identity.role() == Role.PROXY && isLeave(header, datagram)) {
            // A LEAVE may arrive over another of the client's links (its own interface is gone):
            // neither a move of this link nor news for the extensions, just the end of it.
            datagram.release();
            removeLink(link.id());
            return;
        }
        if (identity.role() == Role.PROXY) {
            // A client's address is proven only by a challenge answered there; the client's
            // remote is its configured proxy and never follows senders.
            perform(now, link, link.path().onReceive(now, sender, wireBytes));
        }
        for (SessionExtension e : extensions) {
            e.onAuthenticatedReceive(now, link, sender);
        }
        if (header.type() == MessageType.DATA) {
            dataPath.onLinkData(now, link, datagram);
        } else {
            onControl(now, link, datagram, sender);
        }
        rearmTimer();
    }

    /** Carries out what a link's path validator asked for. */
    private void perform(long now, Link link, PathStep step) {
        switch (step.kind()) {
            case NOTHING, IGNORED_RESPONSE -> { }
            case CHALLENGE -> {
                if (!link.isValidated()) {
                    link.setRemote(step.address()); // nothing proven yet: the newest candidate is all it has
                }
                ByteBuf body = alloc.buffer(PathValidator.CHALLENGE_LENGTH);
                body.writeBytes(step.challenge());
                send(MessageType.CONTROL, link, step.address(), ControlType.PATH_CHALLENGE, body);
            }
            case VALIDATED -> {
                InetSocketAddress from = link.remoteAddress();
                boolean wasValidated = link.isValidated();
                boolean upChanged = link.validated(step.address());
                if (wasValidated) {
                    linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + " moved from " + from
                            + " to " + step.address());
                } else {
                    linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + " validated at "
                            + step.address());
                }
                if (upChanged) {
                    dataPath.onLinkStateChanged(now, link);
                    mtu.refresh("link " + link.name() + " is up");
                }
            }
            case GAVE_UP -> {
                pathsAbandoned++;
                if (link.isValidated()) {
                    linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + ": no path response from "
                            + step.address() + ", staying at " + link.remoteAddress());
                } else {
                    // It never proved an address: nothing to keep.
                    removeLink(link.id(), "removed: no path response from " + step.address());
                }
            }
        }
    }

    /** Does not move the reader index of {@code datagram}. */
    private static boolean isLeave(BraidHeader header, ByteBuf datagram) {
        return header.type() == MessageType.CONTROL && datagram.isReadable()
                && datagram.getUnsignedByte(datagram.readerIndex()) == ControlType.LEAVE;
    }

    private void onControl(long now, Link link, ByteBuf datagram, InetSocketAddress sender) {
        try {
            if (!datagram.isReadable()) {
                drops.count(DropReason.MALFORMED_BODY);
                return;
            }
            int type = datagram.readUnsignedByte();
            switch (type) {
                case ControlType.KEEPALIVE -> onKeepalive(now, link, datagram);
                case ControlType.JOIN -> {
                    JoinMessage.Join join = JoinMessage.read(datagram);
                    if (join == null) {
                        drops.count(DropReason.MALFORMED_BODY);
                        return;
                    }
                    String name = join.name();
                    if (!name.equals(link.name())) {
                        linkLog.event(name, now, () -> identity + ": link " + link.id() + " is " + name);
                        link.rename(name);
                    }
                    setLinkUse(link, join.use());
                    events.joinReceived(this, link, name);
                }
                case ControlType.JOIN_ACK -> events.joinAcknowledged(this, link);
                case ControlType.LEAVE -> {
                    if (identity.role() == Role.PROXY) {
                        removeLink(link.id());
                    }
                }
                case ControlType.CLOSE -> {
                    log.info("{}: peer closed the session", identity);
                    close(false);
                }
                case ControlType.PATH_CHALLENGE -> onPathChallenge(link, datagram);
                case ControlType.PATH_RESPONSE -> onPathResponse(now, link, datagram, sender);
                case ControlType.PMTU_PROBE -> mtu.onProbe(link, datagram);
                case ControlType.PMTU_ACK -> mtu.onAck(now, link, datagram);
                case ControlType.PMTU_REPORT -> mtu.onReport(link, datagram);
                default -> {
                    Consumer<ControlMessage> handler = controlHandlers.get(type);
                    if (handler == null) {
                        drops.count(DropReason.UNKNOWN_CONTROL_TYPE);
                    } else {
                        handler.accept(new ControlMessage(now, link, type, datagram));
                    }
                }
            }
        } finally {
            datagram.release();
        }
    }

    /** Echoed on the same link, so it leaves through the same NAT mapping the challenge reached. */
    private void onPathChallenge(Link link, ByteBuf body) {
        if (body.readableBytes() != PathValidator.CHALLENGE_LENGTH) {
            drops.count(DropReason.MALFORMED_BODY);
            return;
        }
        ByteBuf echo = alloc.buffer(PathValidator.CHALLENGE_LENGTH);
        echo.writeBytes(body, body.readerIndex(), PathValidator.CHALLENGE_LENGTH);
        sendControl(link, ControlType.PATH_RESPONSE, echo);
    }

    private void onPathResponse(long now, Link link, ByteBuf body, InetSocketAddress sender) {
        if (body.readableBytes() != PathValidator.CHALLENGE_LENGTH || identity.role() != Role.PROXY) {
            drops.count(DropReason.MALFORMED_BODY);
            return;
        }
        byte[] echoed = new byte[PathValidator.CHALLENGE_LENGTH];
        body.readBytes(echoed);
        PathStep step = link.path().onResponse(now, sender, echoed);
        if (step.kind() == PathStep.Kind.IGNORED_RESPONSE) {
            drops.count(DropReason.UNMATCHED_PATH_RESPONSE);
        }
        perform(now, link, step);
    }

    /**
     * The client's keepalive carries its send time; the proxy echoes it, so the client sees the
     * proxy is alive and learns the link's round-trip time.
     */
    private void onKeepalive(long now, Link link, ByteBuf body) {
        if (body.readableBytes() < Long.BYTES) {
            return;
        }
        if (identity.role() == Role.PROXY) {
            ByteBuf echo = alloc.buffer(Long.BYTES);
            echo.writeLong(body.readLong());
            sendControl(link, ControlType.KEEPALIVE, echo);
        } else {
            link.rttSample(now - body.readLong());
        }
    }

    /** Client side: a keepalive that also measures the link's round-trip time. */
    public void sendKeepalive(Link link) {
        ByteBuf body = alloc.buffer(Long.BYTES);
        body.writeLong(clock.nanos());
        sendControl(link, ControlType.KEEPALIVE, body);
    }

    private record ControlMessage(long now, LinkHandle link, int type, ByteBuf body) {}

    /** An IP packet from the local TUN for the peer. Takes ownership of {@code packet}. */
    public void onTunPacket(ByteBuf packet) {
        if (closed) {
            packet.release();
            drops.count(DropReason.CLOSED);
            return;
        }
        dataPath.onTunPacket(clock.nanos(), packet);
        rearmTimer();
    }

    // ---------------------------------------------------------------- send

    @Override
    public void sendData(LinkHandle link, ByteBuf payload) {
        send(MessageType.DATA, (Link) link, link.remoteAddress(), -1, payload);
    }

    @Override
    public void sendControl(LinkHandle link, int controlType, ByteBuf body) {
        send(MessageType.CONTROL, (Link) link, link.remoteAddress(), controlType, body);
    }

    @Override
    public void sendControlTo(LinkHandle link, InetSocketAddress address, int controlType, ByteBuf body) {
        send(MessageType.CONTROL, (Link) link, address, controlType, body);
    }

    /** Sends a control message with an empty body. */
    public void sendControl(LinkHandle link, int controlType) {
        send(MessageType.CONTROL, (Link) link, link.remoteAddress(), controlType, null);
    }

    /**
     * Sends a control message with an empty body for {@code link} over {@code via}'s socket, to
     * {@code via}'s remote address: the header still names {@code link}, so the peer applies it
     * there. For the LEAVE of a client link whose interface is gone and can no longer send.
     */
    public void sendControlVia(LinkHandle link, LinkHandle via, int controlType) {
        send(MessageType.CONTROL, (Link) link, ((Link) via).channel(), via.remoteAddress(), controlType, null);
    }

    /** Takes ownership of {@code body} (may be null). */
    private void send(MessageType type, Link link, InetSocketAddress to, int controlType, ByteBuf body) {
        send(type, link, link.channel(), to, controlType, body);
    }

    /** Takes ownership of {@code body} (may be null). */
    private void send(MessageType type, Link link, io.netty.channel.Channel channel, InetSocketAddress to,
                      int controlType, ByteBuf body) {
        int bodyBytes = body == null ? 0 : body.readableBytes();
        if (closed || to == null) {
            release(body);
            drops.count(DropReason.CLOSED);
            return;
        }
        DropReason refused = identity.role() == Role.PROXY ? pathRefuses(type, link, to,
                BraidHeader.LENGTH + (controlType >= 0 ? 1 : 0) + bodyBytes + crypto.maxOverhead()) : null;
        if (refused != null) {
            release(body);
            drops.count(refused);
            return;
        }
        if (!link.channel().isWritable()) {
            // The socket's send buffer and Netty's queue are full: drop here rather than queue
            // without bound (the congestion control of the data path sees it as loss).
            if (body != null) {
                body.release();
            }
            drops.count(DropReason.SOCKET_FULL);
            return;
        }
        BraidHeader header = crypto.nextHeader(type, link.id(), identity.sessionId());
        ByteBuf datagram = alloc.heapBuffer(BraidHeader.LENGTH + 1 + bodyBytes + crypto.maxOverhead());
        try {
            header.writeTo(datagram);
            if (controlType >= 0) {
                datagram.writeByte(controlType);
            }
            if (body != null) {
                datagram.writeBytes(body, body.readerIndex(), bodyBytes);
            }
            crypto.seal(header, datagram);
        } catch (RuntimeException e) {
            datagram.release();
            throw e;
        } finally {
            if (body != null) {
                body.release();
            }
        }
        link.sent(clock.nanos(), datagram.readableBytes());
        channel.writeAndFlush(new DatagramPacket(datagram, to), channel.voidPromise());
    }

    /**
     * Proxy side: data goes only to a validated address; anything else only within the pending
     * address's anti-amplification budget, which this charges. @return why not, or null
     */
    private static DropReason pathRefuses(MessageType type, Link link, InetSocketAddress to, int bytes) {
        if (type == MessageType.DATA && !to.equals(link.path().validatedAddress())) {
            return DropReason.UNVALIDATED_PATH;
        }
        return link.path().allowSend(to, bytes) ? null : DropReason.AMPLIFICATION_LIMIT;
    }

    private static void release(ByteBuf body) {
        if (body != null) {
            body.release();
        }
    }

    @Override
    public void deliverToTun(ByteBuf packet) {
        DropReason refused = Ipv4.isIpv4(packet) ? refusesIpv4(packet)
                : Ipv6.isIpv6(packet) ? refusesIpv6(packet)
                : DropReason.NOT_IP;
        if (refused != null) {
            packet.release();
            drops.count(refused);
            return;
        }
        tun.write(packet);
    }

    /** The proxy only forwards packets whose source is the client's own virtual address. */
    private DropReason refusesIpv4(ByteBuf packet) {
        return identity.role() == Role.PROXY && Ipv4.source(packet) != identity.virtualIp()
                ? DropReason.SPOOFED_SOURCE : null;
    }

    /** As for IPv4; a session without an IPv6 address carries no IPv6 at all. */
    private DropReason refusesIpv6(ByteBuf packet) {
        Ipv6Address own = identity.virtualIp6();
        if (own == null) {
            return DropReason.NO_IPV6;
        }
        return identity.role() == Role.PROXY && !Ipv6.sourceIs(packet, own) ? DropReason.SPOOFED_SOURCE : null;
    }

    @Override
    public void countDrop(DropReason reason) {
        drops.count(reason);
    }

    // ---------------------------------------------------------------- extension context

    @Override
    public int sessionId() {
        return identity.sessionId();
    }

    @Override
    public Role role() {
        return identity.role();
    }

    @Override
    public List<LinkHandle> links() {
        return linkSnapshot;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    @Override
    public void setLinkUp(LinkHandle handle, boolean up) {
        Link link = (Link) handle;
        long now = clock.nanos();
        if (link.setUp(up, now)) {
            linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + " is " + (up ? "up" : "DOWN"));
            dataPath.onLinkStateChanged(now, link);
            if (up) {
                mtu.linkBackUp(now, link);
            }
            mtu.refresh("link " + link.name() + " is " + (up ? "up" : "DOWN"));
        }
        rearmTimer(); // a link marked down may expire
    }

    /**
     * Sets how the data path may use {@code link} (the client from its config and data caps, the
     * proxy from the client's JOIN); logged when it changes.
     */
    public void setLinkUse(Link link, LinkUse use) {
        if (use.equals(link.use())) {
            return;
        }
        long now = clock.nanos();
        LinkUse before = link.use();
        link.setUse(use);
        if (before.priority() != use.priority()) {
            linkLog.event(link.name(), now, () -> identity + ": link " + link.name() + " is " + use.describe());
        }
        if (dataPath != null) {
            dataPath.onLinkStateChanged(now, link);
        }
    }

    /** Links dropped after being DOWN for the policy's timeout, since the session began. */
    public long linksExpired() {
        return linksExpired;
    }

    /** Path challenges that went unanswered, since the session began. */
    public long pathsAbandoned() {
        return pathsAbandoned;
    }

    public DataPath dataPath() {
        return dataPath;
    }

    /** Status figures of every session extension, merged. */
    public Map<String, Object> extensionStatus() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (SessionExtension e : extensions) {
            all.putAll(e.status());
        }
        return all;
    }

    public String dataPathName() {
        return dataPathName;
    }

    /** Samples every link's byte counters for its rates each way; the maintenance tick calls it. */
    public void sampleRates(long nowNanos) {
        for (Link link : links.values()) {
            link.sampleRates(nowNanos);
        }
    }

    Collection<Link> linkValues() {
        return links.values();
    }

    SessionEvents events() {
        return events;
    }

    /** The session's path and tunnel MTUs (probing, reports, the MSS clamp). */
    public SessionMtu mtu() {
        return mtu;
    }

    // ---------------------------------------------------------------- timers and close

    /**
     * Keeps one timer armed at or before the earliest deadline of the data path and extensions.
     * A deadline that moved later keeps the armed timer (it fires early, finds nothing due and
     * re-arms), so the per-packet cost is a comparison, not a cancel and a reschedule.
     */
    void rearmTimer() {
        if (closed) {
            return;
        }
        long deadline = dataPath == null ? Long.MAX_VALUE : dataPath.nextDeadlineNanos();
        for (SessionExtension e : extensions) {
            deadline = Math.min(deadline, e.nextDeadlineNanos());
        }
        deadline = Math.min(deadline, nextLinkDeadline());
        if (timer != null && deadline >= timerDeadline) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerDeadline = deadline;
        if (deadline != Long.MAX_VALUE) {
            long delay = Math.max(0, deadline - clock.nanos());
            timer = loop.schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void onTimer() {
        timer = null;
        timerDeadline = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        long now = clock.nanos();
        linkLog.flush(now);
        if (dataPath.nextDeadlineNanos() <= now) {
            dataPath.onTimer(now);
        }
        for (SessionExtension e : extensions) {
            if (e.nextDeadlineNanos() <= now) {
                e.onTimer(now);
            }
        }
        onLinkTimers(now);
        rearmTimer();
    }

    /** The earliest path retry or DOWN-link expiry. */
    private long nextLinkDeadline() {
        long deadline = Long.MAX_VALUE;
        long timeout = policy.downTimeout().toNanos();
        for (Link link : links.values()) {
            deadline = Math.min(deadline, link.path().nextDeadlineNanos());
            deadline = Math.min(deadline, SessionMtu.nextDeadline(link));
            if (link.isMarkedDown()) {
                deadline = Math.min(deadline, link.downSinceNanos() + timeout);
            }
        }
        return deadline;
    }

    private void onLinkTimers(long now) {
        long timeout = policy.downTimeout().toNanos();
        for (Link link : List.copyOf(links.values())) {
            if (link.path().nextDeadlineNanos() <= now) {
                perform(now, link, link.path().onTimer(now));
            }
            if (SessionMtu.nextDeadline(link) <= now && links.get(link.id()) == link) {
                mtu.onTimer(now, link);
            }
            if (link.isMarkedDown() && now - link.downSinceNanos() >= timeout && links.get(link.id()) == link) {
                // Probing a dead path for ever reflects traffic to whoever holds its address now.
                linksExpired++;
                removeLink(link.id(), "was DOWN for " + Durations.format(policy.downTimeout())
                        + ", dropped from the session");
                events.linkExpired(this, link);
            }
        }
    }

    /**
     * Ends the session: tells the peer (when {@code notifyPeer}), releases what the data path
     * holds and lets the owner free the session's address.
     */
    public void close(boolean notifyPeer) {
        if (closed) {
            return;
        }
        if (notifyPeer) {
            for (Link link : links.values()) {
                sendControl(link, ControlType.CLOSE);
            }
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (dataPath != null) {
            dataPath.close();
        }
        for (SessionExtension e : extensions) {
            e.close();
        }
        events.closed(this);
    }
}
