package dev.braid.core.proxy;

import dev.braid.core.config.Durations;
import dev.braid.core.crypto.PacketProtector;
import dev.braid.core.crypto.RekeyLimits;
import dev.braid.core.lifecycle.ControlRequests;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.lifecycle.Lifecycle;
import dev.braid.core.lifecycle.LoopCalls;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.lifecycle.StartupException;
import dev.braid.core.link.Datagrams;
import dev.braid.core.link.UdpTransport;
import dev.braid.core.logging.FloodProofLog;
import dev.braid.core.login.EstablishedLogin;
import dev.braid.core.login.RejectReason;
import dev.braid.core.login.SessionAllocation;
import dev.braid.core.login.SessionAllocator;
import dev.braid.core.login.SessionToken;
import dev.braid.core.login.SessionTokens;
import dev.braid.core.login.VerifierStore;
import dev.braid.core.metrics.MetricsSample;
import dev.braid.core.net.KernelUdpErrors;
import dev.braid.core.net.SocketOptions;
import dev.braid.core.path.PathValidator;
import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Ipv6AddressPool;
import dev.braid.core.session.Link;
import dev.braid.core.session.LinkPolicy;
import dev.braid.core.session.ProtectedSessionCrypto;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionEvents;
import dev.braid.core.session.SessionIdentity;
import dev.braid.core.spi.Addresses;
import dev.braid.core.spi.NetworkHook;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.spi.TunnelNetwork;
import dev.braid.core.time.Clock;
import dev.braid.core.tun.TunDevice;
import dev.braid.core.tun.TunFactory;
import dev.braid.core.tun.TunHandoff;
import dev.braid.core.tun.TunReader;
import dev.braid.core.tun.TunSpec;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.ControlType;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.Ipv4;
import dev.braid.core.wire.Ipv6;
import dev.braid.core.wire.Ipv6Address;
import dev.braid.core.wire.MalformedPacketException;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy: one UDP socket for all clients, one TUN for the client pool, sessions in between.
 *
 * <pre>
 * UDP in  -> header -> handshake? to the login workers : session by id -> link by id -> Session
 * TUN in  -> (reader thread) -> event loop -> session by destination address -> Session
 * </pre>
 * Sessions, the session table and the pool live on the one event loop; logins run on a pool of
 * login workers (SRP costs milliseconds) and hand established sessions back to the loop.
 */
public final class ProxyServer implements AutoCloseable, SessionEvents {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
    /** A session silent this long may give way to a new login of its user at the user's limit. */
    private static final Duration STALE_SESSION = Duration.ofSeconds(30);
    private static final int UNKNOWN_SESSION_LENGTH = BraidHeader.LENGTH + SessionToken.LENGTH;
    /** A reservation not established by then is given back: far longer than a login's wait for the loop (5 s). */
    private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(30);
    /** How often the kernel's UDP loss counters are read ({@link KernelDropWatch}). */
    private static final int KERNEL_WATCH_SECONDS = 5;

    private final ProxyConfig config;
    private final PluginSet plugins;
    private final TunFactory tunFactory;
    private final VerifierStore users;
    private final Clock clock;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final DropCounters drops = new DropCounters();
    private final KernelDropWatch kernelDrops = new KernelDropWatch();
    private final Lifecycle lifecycle = new Lifecycle();
    private final SecureRandom random = new SecureRandom();
    /** Session ids and addresses held by logins until their session is in use. */
    private final SessionReservations reservations = new SessionReservations(RESERVATION_TIMEOUT);
    private StickyAddresses stickyAddresses;
    private final FloodProofLog refusedSessions = FloodProofLog.warn(log, "logins refused for full pools or user limits");
    private final UnknownSessionReplies unknownSessionReplies;
    private final ControlRequests controlRequests = new ControlRequests();
    private final UserSessionLimit userLimit;
    private SessionTokens sessionTokens;
    private EventLoop loop;
    private DatagramChannel channel;
    private TunDevice tun;
    private SessionTable table;
    private ProxyLogin login;

    public ProxyServer(ProxyConfig config, PluginSet plugins, TunFactory tunFactory, VerifierStore users, Clock clock) {
        this.config = config;
        this.plugins = plugins;
        this.tunFactory = tunFactory;
        this.users = users;
        this.clock = clock;
        this.unknownSessionReplies = new UnknownSessionReplies(UnknownSessionReplies.Limits.defaults());
        this.userLimit = new UserSessionLimit(config.getMaxSessionsPerUser(), STALE_SESSION);
    }

    /** What the control socket answers; {@code braid proxy} adds {@code reload}. */
    public ControlRequests controlRequests() {
        return controlRequests;
    }

    /** Starts everything in dependency order; on failure, stops what had started and rethrows. */
    public void start() throws Exception {
        try {
            UdpTransport transport = new UdpTransport(1, "braid-proxy");
            lifecycle.started("event loop", transport::close);
            loop = transport.group().next();
            AddressPool pool = new AddressPool(Ipv4.parse(config.getClientPool().address().getHostAddress()),
                    config.getClientPool().prefixLength());
            Ipv6AddressPool pool6 = config.getClientPool6() == null ? null : new Ipv6AddressPool(
                    Ipv6Address.of((Inet6Address) config.getClientPool6().address()), config.getClientPool6().prefixLength());
            table = new SessionTable(pool, new Ipv6Leases(pool6));
            stickyAddresses = new StickyAddresses(pool.capacity());
            if (!config.getAddressLeases().isEmpty()) {
                AddressLeaseFile leaseFile = new AddressLeaseFile(Path.of(config.getAddressLeases()));
                AddressLeaseKeeper leases;
                try {
                    leases = AddressLeaseKeeper.start(leaseFile, stickyAddresses, loop);
                } catch (IOException e) {
                    throw new StartupException("cannot read address-leases " + leaseFile.path() + ": " + e.getMessage(), e);
                }
                lifecycle.started("address leases", leases::close);
            }

            tun = tunFactory.create(new TunSpec(config.getTunName(), toInet(pool.proxyAddress()), pool.prefixLength(),
                    config.getMtu(), List.of(), pool6 == null ? null : pool6.proxyAddress().toInet(),
                    pool6 == null ? 0 : pool6.prefixLength()));
            lifecycle.started("TUN " + tun.name(), tun::close);

            byte[] secret = ServerSecret.of(config);
            sessionTokens = new SessionTokens(secret);
            login = new ProxyLogin(this, users, plugins.dataPaths().keySet(), config, secret, clock, random);
            lifecycle.started("login workers", login::close);

            InetSocketAddress listen = config.getListen().toResolvedAddress();
            channel = bindListen(transport, listen);
            lifecycle.started("UDP " + channel.localAddress(), () -> channel.close().sync());
            lifecycle.started("sessions", this::closeAllSessions);

            TunReader.start(tun, TunReader.DEFAULT_BATCH_SIZE,
                    new TunHandoff(loop, TunHandoff.DEFAULT_MAX_PENDING, this::routeFromTun),
                    fatal -> log.error("TUN {} failed, no more packets to clients: {}", tun.name(), fatal.getMessage()));

            TunnelNetwork network = new TunnelNetwork(Role.PROXY, tun.name(),
                    Ipv4.format(pool.proxyAddress()) + "/" + pool.prefixLength(), pool.cidr(),
                    pool6 == null ? "" : pool6.proxyAddress() + "/" + pool6.prefixLength(),
                    pool6 == null ? "" : pool6.cidr());
            for (NetworkHook hook : plugins.networkHooks()) {
                try {
                    hook.start(network);
                } catch (Exception e) {
                    throw new StartupException(hook.name() + ": " + e.getMessage(), e);
                }
                lifecycle.started("network hook " + hook.name(), hook::stop);
            }
            var maintenance = loop.scheduleAtFixedRate(this::expireIdleSessions, 1, 1, TimeUnit.SECONDS);
            lifecycle.started("maintenance", () -> maintenance.cancel(false));
            // File reads stay off the event loop; the watch's state is this one thread's.
            var kernelWatch = GlobalEventExecutor.INSTANCE.scheduleAtFixedRate(this::watchKernelDrops, 0,
                    KERNEL_WATCH_SECONDS, TimeUnit.SECONDS);
            lifecycle.started("kernel drop watch", () -> kernelWatch.cancel(false));

            Path socketPath = config.getControlSocket().isEmpty() ? ControlSocket.defaultPath("proxy")
                    : Path.of(config.getControlSocket());
            controlRequests.add("status", ControlRequests.onLoop(loop,
                    () -> StatusReport.proxy(localAddress(), tun.name(), table.pool(), pool6, table.all(), drops)));
            controlRequests.add("status-json", ControlRequests.onLoop(loop,
                    () -> StatusReport.proxyJson(localAddress(), tun.name(), table.pool(), pool6, table.all(), drops)));
            ControlSocket control = ControlSocket.start(socketPath, controlRequests::answer);
            lifecycle.started("control socket", control::close);
            log.info("proxy listening on {} ({}; TUN {}, pool {}, data paths {}, encryption {})",
                    Addresses.format(localAddress()), listenFamilies(), tun.name(), pool.cidr() + (pool6 == null ? "" : " and " + pool6.cidr()), plugins.dataPaths().keySet(),
                    config.isRequireEncryption() ? "required" : "optional");
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Binds the proxy's socket; a port in use or a foreign address is one sentence for the operator. */
    private DatagramChannel bindListen(UdpTransport transport, InetSocketAddress listen) throws InterruptedException {
        try {
            return transport.bind(listen, new InboundHandler());
        } catch (Exception e) {
            String detail = String.valueOf(e.getMessage());
            if (e instanceof BindException || detail.contains("Address already in use")) {
                throw new StartupException("UDP port " + listen.getPort() + " on "
                        + listen.getAddress().getHostAddress() + " is already in use (another braid proxy?): stop it or"
                        + " choose another port in 'listen'", e);
            }
            if (detail.contains("Address family not supported")) {
                throw new StartupException("cannot listen on " + Addresses.format(listen) + ": this host has no IPv6"
                        + " ('listen': use 0.0.0.0:" + listen.getPort() + " for IPv4 only)", e);
            }
            if (detail.contains("Cannot assign requested address")) {
                throw new StartupException("cannot listen on " + listen.getAddress()
                        .getHostAddress() + ": no interface of this host has that address ('listen')", e);
            }
            throw e;
        }
    }

    /** What the socket serves, read from the socket itself where the transport has an fd. */
    private String listenFamilies() {
        boolean ipv6Only = localAddress().getAddress() instanceof Inet6Address && channel instanceof UnixChannel
                && SocketOptions.ipv6Only(SocketOptions.fdOf(channel));
        return ListenFamilies.describe(localAddress(), ipv6Only);
    }

    /** On Netty's global executor, never the event loop: two small /proc reads every few seconds. */
    private void watchKernelDrops() {
        String warning = kernelDrops.sample(KernelUdpErrors.read(), clock.nanos());
        if (warning != null) {
            log.warn(warning);
        }
    }

    /** The UDP address actually bound (port 0 in the config picks one). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public DropCounters drops() {
        return drops;
    }

    EventLoop loop() {
        return loop;
    }

    // ------------------------------------------------------------------ inbound

    /** All UDP datagrams of the proxy arrive here, on the event loop. */
    private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        InboundHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onDatagram(Datagrams.onHeap(packet.content(), alloc), packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("UDP socket error: {}", cause.toString());
        }
    }

    /** Takes ownership of {@code datagram}. */
    private void onDatagram(ByteBuf datagram, InetSocketAddress sender) {
        BraidHeader header;
        try {
            header = BraidHeader.readFrom(datagram);
        } catch (MalformedPacketException e) {
            drops.count(e.reason());
            log.trace("dropped datagram from {}: {}", sender, e.getMessage());
            datagram.release();
            return;
        }
        if (header.type().isHandshake()) {
            login.submit(header, datagram, sender);
            return;
        }
        Session session = table.byId(header.sessionId());
        if (session == null) {
            drops.count(DropReason.UNKNOWN_SESSION);
            int datagramLength = datagram.readableBytes();
            datagram.release();
            // Only datagrams of at least the reply's size get one (a tagged one always is).
            if (BraidHeader.LENGTH + datagramLength >= UNKNOWN_SESSION_LENGTH
                    && unknownSessionReplies.allow(sender.getAddress(), clock.nanos())) {
                sendUnknownSession(header, sender);
            }
            return;
        }
        Link link = session.link(header.linkId());
        if (link == null) {
            session.onDatagramFromNewLink(header, channel, datagram, sender);
        } else {
            session.onDatagram(header, link, datagram, sender);
        }
    }

    /**
     * A header and the session's token, which this proxy can derive from its secret although it
     * lost the session; never larger than what triggered it, so it cannot amplify.
     */
    private void sendUnknownSession(BraidHeader received, InetSocketAddress to) {
        ByteBuf reply = alloc.buffer(UNKNOWN_SESSION_LENGTH);
        new BraidHeader(MessageType.UNKNOWN_SESSION, received.linkId(), 0, received.sessionId(), 0).writeTo(reply);
        reply.writeBytes(sessionTokens.forSession(received.sessionId()).bytes());
        channel.writeAndFlush(new DatagramPacket(reply, to), channel.voidPromise());
    }

    /** Sends a login response body; called on the event loop. */
    void sendHandshake(MessageType type, int linkId, byte[] body, InetSocketAddress to) {
        ByteBuf out = alloc.buffer(BraidHeader.LENGTH + body.length);
        new BraidHeader(type, linkId, 0, 0, 0).writeTo(out);
        out.writeBytes(body);
        channel.writeAndFlush(new DatagramPacket(out, to), channel.voidPromise());
    }

    private void routeFromTun(List<ByteBuf> batch) {
        for (ByteBuf packet : batch) {
            Session session;
            if (Ipv4.isIpv4(packet)) {
                session = table.byAddress(Ipv4.destination(packet));
            } else if (Ipv6.isIpv6(packet)) {
                session = table.byAddress6(Ipv6.destinationHigh(packet), Ipv6.destinationLow(packet));
            } else {
                drops.count(DropReason.NOT_IP);
                packet.release();
                continue;
            }
            if (session == null) {
                drops.count(DropReason.NO_ROUTE);
                packet.release();
                continue;
            }
            session.mtu().clampMss(packet); // per session: its tunnel MTU follows its links' path MTUs
            session.onTunPacket(packet);
        }
    }

    // ------------------------------------------------------------------ sessions

    /**
     * Reserves a session id and an address for a login that just proved its password. Runs on
     * a login worker and waits for the event loop, which owns the table.
     */
    SessionAllocator.Result reserve(String user) {
        Future<SessionAllocator.Result> reservation = loop.submit(() -> reserveOnLoop(user));
        try {
            return reservation.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reservation.cancel(false);
            return SessionAllocator.Result.refused(RejectReason.POOL_EXHAUSTED);
        } catch (ExecutionException | TimeoutException e) {
            // If it still runs, its reservation times out unused (expireReservations).
            reservation.cancel(false);
            log.warn("could not reserve a session for {}: {}", user, e.toString());
            return SessionAllocator.Result.refused(RejectReason.POOL_EXHAUSTED);
        }
    }

    private SessionAllocator.Result reserveOnLoop(String user) {
        if (!roomForAnotherSessionOf(user)) {
            return refuse(RejectReason.TOO_MANY_SESSIONS, user + " already has " + config.getMaxSessionsPerUser()
                    + " sessions (max-sessions-per-user), all active");
        }
        if (table.size() + reservations.size() >= config.getMaxSessions()) {
            return refuse(RejectReason.POOL_EXHAUSTED, "max-sessions (" + config.getMaxSessions() + ") reached");
        }
        if (table.leases6().exhausted()) {
            return refuse(RejectReason.POOL_EXHAUSTED, "client-pool6 exhausted (" + table.size() + " sessions)");
        }
        int address = table.pool().allocate(stickyAddresses.lastOf(user));
        if (address == 0) {
            return refuse(RejectReason.POOL_EXHAUSTED, "client pool " + table.pool().cidr() + " exhausted ("
                    + table.size() + " sessions)");
        }
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || table.containsId(id) || reservations.contains(id));
        reservations.reserve(id, user, address, clock.nanos());
        stickyAddresses.remember(user, address);
        return SessionAllocator.Result.granted(new SessionAllocation(id, toInet(address), table.pool().prefixLength(),
                table.leases6().reserve(id, table.pool().hostIndex(address))));
    }

    /** Whether the user may open another session, closing its stale one if that makes room. */
    private boolean roomForAnotherSessionOf(String user) {
        long reserved = reservations.of(user);
        UserSessionLimit.Verdict<Session> verdict = userLimit.decide(table.ofUser(user), Session::lastReceiveNanos,
                reserved, clock.nanos());
        if (verdict.giveWay() != null) {
            log.info("{} silent for {} or more, closing it for a new login of {}", verdict.giveWay().identity(),
                    Durations.format(STALE_SESSION), user);
            verdict.giveWay().close(true);
        }
        return verdict.room();
    }

    private SessionAllocator.Result refuse(RejectReason reason, String why) {
        refusedSessions.event(reason.name(), clock.nanos(), () -> "refusing a login: " + why);
        return SessionAllocator.Result.refused(reason);
    }

    /** Called on the event loop when a login completed; the first link is where it came from. */
    void establish(EstablishedLogin login, int linkId, InetSocketAddress from) {
        int address = Ipv4.parse(login.virtualAddress().getHostAddress());
        if (!reservations.establish(login.sessionId())) {
            log.info("login of {} from {} completed after its reservation timed out; no session", login.username(), from);
            return; // the addresses went back to the pools with the reservation
        }
        Ipv6Address address6 = table.leases6().claim(login.sessionId(), login.parameters().ipv6());
        if (users.lookup(login.username()).isEmpty()) {
            // A reload removed the user while its login was under way: no session for it.
            table.pool().release(address);
            table.leases6().release(address6);
            log.info("login of {} from {} completed after the user was removed; no session", login.username(), from);
            return;
        }
        SessionIdentity identity = new SessionIdentity(login.sessionId(), Role.PROXY, login.username(), address,
                address6);
        PacketProtector protector = PacketProtector.forServer(login.keys(), login.suite(),
                RekeyLimits.defaults(login.suite()), clock.nanos());
        Session session = new Session(identity, new ProtectedSessionCrypto(protector, clock), loop, clock, alloc,
                tun::write, drops, this, new LinkPolicy(config.getLinkDownTimeout(), PathValidator.Settings.defaults(),
                random));
        table.add(session);
        session.mtu().configure(config.getMtu(), null); // the proxy answers probes and follows the client's reports
        session.start(plugins.dataPath(login.dataPath()), plugins.extensions());
        session.addLink(linkId, "link" + linkId, channel, from);
        log.info("{} logged in from {} (data path {}, encryption {})", identity, from, login.dataPath(),
                login.suite().configName());
    }

    /** Every second: a reservation whose login never reached the loop gives its addresses back. */
    private void expireReservations(long now) {
        for (SessionReservations.Hold hold : reservations.expire(now)) {
            table.pool().release(hold.address());
            table.leases6().cancel(hold.sessionId());
            log.info("session reservation {} of {} not used within {}, address released",
                    SessionIds.format(hold.sessionId()), hold.user(), Durations.format(RESERVATION_TIMEOUT));
        }
    }

    @Override
    public void joinReceived(Session session, Link link, String name) {
        session.sendControl(link, ControlType.JOIN_ACK);
    }

    /** What a metrics scrape exports, copied on the event loop; called off it. */
    public MetricsSample metricsSample(int maxSessions) {
        return LoopCalls.call(loop, "metrics", () -> MetricsSample.of(table.all(), drops, maxSessions));
    }

    /**
     * Ends the sessions of users no longer allowed (removed from the users file); called off the
     * event loop. @return how many sessions ended
     */
    public int endSessionsOf(Set<String> users, String why) {
        if (loop == null) {
            return 0; // not started: no sessions yet
        }
        return LoopCalls.call(loop, "ending sessions", () -> {
            int ended = 0;
            for (Session session : table.all()) {
                if (users.contains(session.identity().user())) {
                    log.info("{}: closing, {}", session.identity(), why);
                    session.close(true);
                    ended++;
                }
            }
            return ended;
        });
    }

    @Override
    public void closed(Session session) {
        table.remove(session);
        log.info("{} ended", session.identity());
    }

    private void expireIdleSessions() {
        long now = clock.nanos();
        expireReservations(now);
        long idle = config.getSessionIdleTimeout().toNanos();
        for (Session session : table.all()) {
            session.sampleRates(now);
            if (now - session.lastReceiveNanos() > idle) {
                log.info("{} idle for more than {}, closing", session.identity(), Durations.format(config.getSessionIdleTimeout()));
                session.close(true);
            }
        }
    }

    private void closeAllSessions() throws Exception {
        loop.submit(() -> {
            for (Session session : table.all()) {
                session.close(true);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    /** Stops in reverse start order; safe to call twice and from a shutdown hook. */
    @Override
    public void close() {
        for (Exception e : lifecycle.stop()) {
            log.warn("shutdown: {}", e.getMessage());
        }
    }

    static Inet4Address toInet(int address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
