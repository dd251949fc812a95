package dev.braid.core.client;

import dev.braid.core.config.Durations;
import dev.braid.core.config.InetPrefix;
import dev.braid.core.crypto.PacketProtector;
import dev.braid.core.crypto.RekeyLimits;
import dev.braid.core.lifecycle.ControlRequests;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.lifecycle.Lifecycle;
import dev.braid.core.lifecycle.LoopCalls;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.link.Datagrams;
import dev.braid.core.link.UdpTransport;
import dev.braid.core.login.ClientLogin;
import dev.braid.core.login.ClientLoginOptions;
import dev.braid.core.login.Ipv6Assignment;
import dev.braid.core.login.LoginFailure;
import dev.braid.core.login.LoginResult;
import dev.braid.core.login.PushedConfig;
import dev.braid.core.login.SessionParameters;
import dev.braid.core.login.SessionToken;
import dev.braid.core.metrics.MetricsSample;
import dev.braid.core.net.IpFamily;
import dev.braid.core.net.SocketOptionException;
import dev.braid.core.net.SocketOptions;
import dev.braid.core.path.PathValidator;
import dev.braid.core.session.JoinMessage;
import dev.braid.core.session.Link;
import dev.braid.core.session.LinkPolicy;
import dev.braid.core.session.ProtectedSessionCrypto;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionEvents;
import dev.braid.core.session.SessionIdentity;
import dev.braid.core.spi.Addresses;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.time.Clock;
import dev.braid.core.tun.TunDevice;
import dev.braid.core.tun.TunFactory;
import dev.braid.core.tun.TunHandoff;
import dev.braid.core.tun.TunReading;
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
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: one UDP socket per link (bound to its interface), a login over the first link, a
 * TUN with the address the proxy assigned, and a session whose data path uses every link.
 *
 * <pre>
 * start -> bind links -> login (HELLO/CHALLENGE/PROOF/ACCEPT) -> TUN up -> session -> JOIN on every link
 * every 500 ms: JOIN links not yet acknowledged, KEEPALIVE idle links (every link while the proxy is silent,
 *               backing off from 500 ms to the keepalive interval)
 * </pre>
 * A proxy that restarts answers with UNKNOWN_SESSION (or stays silent): the client logs in again by
 * itself and keeps its TUN when the address stays the same.
 */
public final class BraidClient implements AutoCloseable, SessionEvents {
    private static final Logger log = LoggerFactory.getLogger(BraidClient.class);
    private static final long TICK_MILLIS = 500;
    /** A keepalive also goes out when the link's RTT figure is older than this. */
    private static final long RTT_REFRESH_NANOS = 5_000_000_000L;
    /** A link dropped for being DOWN too long tries to join again this often (the probe back-off's cap), or after link-down-timeout if shorter. */
    private static final long REJOIN_NANOS = 30_000_000_000L;

    private final ClientConfig config;
    private final TunnelHooks hooks;
    private final PushedDns pushedDns = new PushedDns("resolvectl");
    /** Replaced whole by a reload of the links; read once per reconcile. */
    private volatile LinkPlanner linkPlanner;
    /** One reconcile at a time: the interface watch's and a reload's. */
    private final Object reconciling = new Object();
    /** Why a link could not bind, by name, so the watch warns once per cause; under {@link #reconciling}. */
    private final Map<String, String> bindFailures = new HashMap<>();
    private InterfaceScanner scanner;
    private boolean watchingInterfaces;
    private final PluginSet plugins;
    private final TunFactory tunFactory;
    private final byte[] password;
    private final Clock clock;
    private final String dataPathName;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final DropCounters drops = new DropCounters();
    private final Lifecycle lifecycle = new Lifecycle();
    private final ControlRequests controlRequests = new ControlRequests();
    private final SecureRandom random = new SecureRandom();
    private final CompletableFuture<LoginResult> firstLogin = new CompletableFuture<>();
    /** Sockets by link id; touched only on the event loop. */
    private final Map<Integer, LinkSocket> sockets = new LinkedHashMap<>();
    /** The configured links as the constructor got them (data caps are read from them at start). */
    private final List<LinkConfig> configuredLinks;
    private LinkDataCaps dataCaps;
    /** Null unless kill-switch: true; its table is changed on the worker only. */
    private KillSwitch killSwitch;
    private final Map<String, Integer> linkIds = new HashMap<>();
    private final Set<Integer> joinedLinks = new HashSet<>();
    /** Links the session dropped after being DOWN too long, with when: they join again later. */
    private final Map<Integer, Long> expiredLinks = new HashMap<>();
    /** Configured links whose interface is missing or unusable, by name; event loop only. */
    private final Map<String, WaitingLink> waitingLinks = new LinkedHashMap<>();
    private UdpTransport transport;
    private ExecutorService worker;
    /** Where login proofs are computed: the worker itself, unless on shared threads. */
    private ExecutorService proofWorker;
    private EventLoop loop;
    private ClientLoginDriver login;
    /** The link the current login runs over: its replies come only from there. */
    private LinkSocket loginSocket;
    /** The token an authentic UNKNOWN_SESSION for the current session carries. */
    private SessionToken sessionToken;
    private int loginLinkIndex;
    private Session session;
    /** The tunnel MTU the proxy gave, for the SYNs of hosts this client routes; set with the session. */
    private TunDevice tun;
    private SessionParameters tunParameters;
    private volatile boolean closing;
    private boolean proxySilent;
    private final SilenceBackoff silenceBackoff;
    /** From a login's start until its session runs or it failed: at most one attempt at a time. */
    private boolean loggingIn;
    /** Null: the client starts and stops its own threads and control socket. */
    private SharedClientThreads shared;
    /** Sessions started so far (1 after the first login, 2 after logging in again, ...); any thread reads. */
    private volatile int sessionsStarted;
    /** Whether a session runs now; any thread reads. */
    private volatile boolean tunnelUp;

    /** A configured link's socket; its index is the link id on the wire. */
    private record LinkSocket(int id, LinkConfig config, DatagramChannel channel, InetSocketAddress proxy) {}

    public BraidClient(ClientConfig config, List<LinkConfig> links, PluginSet plugins, TunFactory tunFactory,
                       byte[] password, Clock clock) {
        this(config, links, false, plugins, tunFactory, password, clock);
    }

    /**
     * @param autoLinks one link per usable interface ({@code links: auto}) instead of {@code links}
     */
    public BraidClient(ClientConfig config, List<LinkConfig> links, boolean autoLinks, PluginSet plugins,
                       TunFactory tunFactory, byte[] password, Clock clock) {
        this.config = config;
        this.hooks = new TunnelHooks(config.getOnUp(), config.getOnDown());
        this.linkPlanner = new LinkPlanner(links, autoLinks);
        this.configuredLinks = List.copyOf(links);
        this.plugins = plugins;
        this.tunFactory = tunFactory;
        this.password = password.clone();
        this.clock = clock;
        this.silenceBackoff = new SilenceBackoff(TICK_MILLIS * 1_000_000L,
                Math.max(TICK_MILLIS * 1_000_000L, config.getKeepalive().toNanos()), random);
        this.dataPathName = chooseDataPath(config, plugins);
    }

    /**
     * Runs this client on threads shared with other clients of the process (a load generator's);
     * call before {@link #start}. @return this client
     */
    public BraidClient onSharedThreads(SharedClientThreads threads) {
        this.shared = threads;
        return this;
    }

    /** What the control socket answers; {@code braid client} adds {@code reload}. */
    public ControlRequests controlRequests() {
        return controlRequests;
    }

    /** The configured data path, else multilink when loaded, else single. */
    static String chooseDataPath(ClientConfig config, PluginSet plugins) {
        if (!config.getDataPath().isEmpty()) {
            plugins.dataPath(config.getDataPath()); // fails early, listing known names
            return config.getDataPath();
        }
        return plugins.dataPaths().containsKey("multilink") ? "multilink" : "single";
    }

    /** Binds the links and starts logging in; {@link #awaitLogin} tells how the first login ended. */
    public void start() throws Exception {
        try {
            tunFactory.requireFree(config.getTunName()); // before a login the TUN could not serve
            dataCaps = LinkDataCaps.open(Path.of(config.getDataUsage()), configuredLinks, java.time.Clock.systemDefaultZone());
            startKillSwitch();
            startThreads();
            lifecycle.started("links", this::closeLinks);
            scanner = new InterfaceScanner(config.getTunName());
            reconcileLinks();
            watchInterfacesIfPlanned();
            lifecycle.started("tunnel", this::closeTunnel);
            lifecycle.started("data usage", this::closeDataCaps); // stops first: the session's last counts
            var maintenance = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            lifecycle.started("maintenance", () -> maintenance.cancel(false));
            if (shared == null) {
                startControlSocket();
            }
            loop.execute(this::beginLogin);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Before any link or TUN: from now until stop nothing for the routes leaves beside the tunnel. */
    private void startKillSwitch() throws UnknownHostException {
        killSwitch = KillSwitch.startIfOn(config, configuredLinks);
        if (killSwitch != null) {
            lifecycle.started("kill-switch", killSwitch::remove);
        }
    }

    /** Its own event loop and worker, or the shared ones (which their owner stops). */
    private void startThreads() {
        if (shared != null) {
            transport = shared.transport();
            worker = shared.worker();
            proofWorker = shared.proofWorker();
        } else {
            transport = new UdpTransport(1, "braid-client");
            lifecycle.started("event loop", transport::close);
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "braid-client-worker");
                thread.setDaemon(true);
                return thread;
            });
            lifecycle.started("worker", worker::shutdownNow);
            proofWorker = worker; // one login at a time: the TUN set-up never waits behind another's proof
        }
        loop = transport.group().next();
    }

    private void startControlSocket() throws IOException {
        Path socketPath = config.getControlSocket().isEmpty() ? ControlSocket.defaultPath("client")
                : Path.of(config.getControlSocket());
        controlRequests.add("status", ControlRequests.onLoop(loop, () -> statusNow().text()));
        controlRequests.add("status-json", ControlRequests.onLoop(loop, () -> statusNow().json()));
        ControlSocket control = ControlSocket.start(socketPath, controlRequests::answer);
        lifecycle.started("control socket", control::close);
    }

    /**
     * A reload's new link list: links with new names are bound and join the running session, links
     * no longer listed leave it; the others stay as they are. Blocks while binding.
     */
    public void replaceLinks(List<LinkConfig> links, boolean autoLinks) {
        Map<String, DataCapLedger.Usage> saved;
        try {
            saved = LinkDataCaps.savedCounts(dataCaps.file(), links);
        } catch (IOException e) {
            log.warn("data usage {}: {}; the counts start from what this process counted", dataCaps.file(), e.getMessage());
            saved = Map.of();
        }
        Map<String, DataCapLedger.Usage> counts = saved;
        try {
            loop.submit(() -> applyLinkPolicies(links, counts)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not apply the links' priorities and caps: {}", e.toString());
        }
        linkPlanner = new LinkPlanner(links, autoLinks);
        watchInterfacesIfPlanned();
        reconcileLinks();
    }

    /** Kept links take a reload's priority, max-rate and data cap; the proxy hears of it in a new JOIN. */
    private void applyLinkPolicies(List<LinkConfig> links, Map<String, DataCapLedger.Usage> saved) {
        dataCaps.reconfigure(links, saved);
        Map<String, LinkConfig> byName = new HashMap<>();
        links.forEach(link -> byName.put(link.getName(), link));
        for (LinkSocket socket : List.copyOf(sockets.values())) {
            LinkConfig next = byName.get(socket.config().getName());
            if (next == null) {
                continue;
            }
            sockets.put(socket.id(), new LinkSocket(socket.id(), next, socket.channel(), socket.proxy()));
            Link link = session == null ? null : session.link(socket.id());
            if (link != null && !link.use().equals(dataCaps.use(next))) {
                session.setLinkUse(link, dataCaps.use(next));
                joinedLinks.remove(link.id());
            }
        }
    }

    private synchronized void watchInterfacesIfPlanned() {
        if (watchingInterfaces || !linkPlanner.watchesInterfaces()) {
            return;
        }
        var watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "braid-interface-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(this::reconcileLinks, 1, 1, TimeUnit.SECONDS);
        lifecycle.started("interface watch", watch::shutdownNow);
        watchingInterfaces = true;
    }

    /**
     * Brings the links in line with the plan: binds sockets for new ones, retires the ones whose
     * interface went away. Runs off the event loop (binding blocks); the loop owns the result.
     */
    private void reconcileLinks() {
        synchronized (reconciling) {
            reconcile(linkPlanner);
        }
    }

    private void reconcile(LinkPlanner linkPlanner) {
        try {
            Map<String, Set<IpFamily>> nics = linkPlanner.watchesInterfaces() ? scanner.usableFamilies() : Map.of();
            Set<String> usable = nics.keySet();
            List<LinkConfig> wanted = linkPlanner.plan(usable);
            List<WaitingLink> waiting = linkPlanner.watchesInterfaces() ? linkPlanner.waiting(usable, scanner.present()) : List.of();
            loop.execute(() -> updateWaiting(waiting));
            Map<String, Integer> have = loop.submit(() -> {
                Map<String, Integer> names = new HashMap<>();
                sockets.values().forEach(socket -> names.put(socket.config().getName(), socket.id()));
                return names;
            }).get(5, TimeUnit.SECONDS);
            for (LinkConfig link : wanted) {
                if (!have.containsKey(link.getName())) {
                    LinkSocket socket = bindOrWarn(link, nics.get(link.getInterface()));
                    if (socket != null) {
                        loop.execute(() -> linkAppeared(socket));
                    }
                }
            }
            Set<String> wantedNames = new HashSet<>();
            wanted.forEach(link -> wantedNames.add(link.getName()));
            have.forEach((name, id) -> {
                if (!wantedNames.contains(name)) {
                    loop.execute(() -> linkDisappeared(id));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not update links: {}", e.getMessage());
        }
    }

    /** A link that starts waiting for its interface is warned about once, at start or when it goes. */
    private void updateWaiting(List<WaitingLink> waiting) {
        Map<String, WaitingLink> now = new LinkedHashMap<>();
        waiting.forEach(link -> now.put(link.name(), link));
        for (WaitingLink link : waiting) {
            if (!link.equals(waitingLinks.get(link.name()))) {
                log.warn("link {} is down: interface {}: {} (it comes up when the interface does)", link.name(),
                        link.interfaceName(), link.reason());
            }
        }
        waitingLinks.clear();
        waitingLinks.putAll(now);
    }

    private synchronized int linkIdFor(String name) {
        return linkIds.computeIfAbsent(name, n -> {
            if (linkIds.size() > 255) {
                throw new IllegalStateException("more than 256 link names in one run");
            }
            return linkIds.size();
        });
    }

    /** One link that cannot bind (no address of a fitting family, DNS) leaves the others be; warned once per cause. */
    private LinkSocket bindOrWarn(LinkConfig link, Set<IpFamily> nicFamilies) throws InterruptedException {
        try {
            LinkSocket socket = bindLink(link, nicFamilies);
            bindFailures.remove(link.getName());
            return socket;
        } catch (IllegalArgumentException | UnknownHostException | SocketOptionException e) {
            String why = e instanceof UnknownHostException ? "link " + link.getName() + ": cannot resolve the proxy's"
                    + " name (" + e.getMessage() + ")" : e.getMessage();
            if (!why.equals(bindFailures.put(link.getName(), why))) {
                log.warn("{}; trying again every second", why);
            }
            return null;
        }
    }

    private LinkSocket bindLink(LinkConfig link, Set<IpFamily> nicFamilies) throws InterruptedException,
            UnknownHostException {
        int id = linkIdFor(link.getName());
        LinkEndpoints.Endpoints ends = LinkEndpoints.resolve(link, config.getProxy(), nicFamilies);
        DatagramChannel channel = transport.bind(ends.local(), new LinkHandler(id));
        if (!link.getInterface().isEmpty()) {
            try {
                SocketOptions.bindToDevice(SocketOptions.fdOf(channel), link.getInterface());
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        if (config.isMtuProbe()) {
            LinkPathMtu.prepareSocket(channel, link.getName());
        }
        InetSocketAddress proxy = ends.remote();
        log.info("link {} (id {}) on {}{} -> {}", link.getName(), id, Addresses.format((InetSocketAddress) channel
                .localAddress()), link.getInterface().isEmpty() ? "" : " dev " + link.getInterface(), Addresses.format(proxy));
        return new LinkSocket(id, link, channel, proxy);
    }

    private void linkAppeared(LinkSocket socket) {
        if (closing) {
            socket.channel().close();
            return;
        }
        sockets.put(socket.id(), socket);
        if (session != null) {
            sendJoin(addLink(session, socket));
        } else if (firstLogin.isDone()) {
            beginLogin(); // a session was lost while no link could carry a login
        }
    }

    private void linkDisappeared(int linkId) {
        LinkSocket socket = sockets.remove(linkId);
        if (socket == null) {
            return;
        }
        log.info("link {} is gone ({})", socket.config().getName(), socket.config().getInterface().isEmpty()
                ? "no longer configured" : "interface " + socket.config().getInterface() + " unusable or no longer configured");
        Link gone = session == null ? null : session.link(linkId);
        if (gone != null) {
            // The gone interface cannot carry its own LEAVE: another link (an up one if any) does.
            Link via = null;
            for (var handle : session.links()) {
                if (handle.id() != linkId && (via == null || (handle.isUp() && !via.isUp()))) {
                    via = (Link) handle;
                }
            }
            if (via != null) {
                session.sendControlVia(gone, via, ControlType.LEAVE);
            } else {
                session.sendControl(gone, ControlType.LEAVE);
            }
            session.removeLink(linkId);
        }
        joinedLinks.remove(linkId);
        expiredLinks.remove(linkId);
        socket.channel().close();
    }

    private void closeLinks() throws Exception {
        loop.submit(() -> {
            sockets.values().forEach(socket -> socket.channel().close());
            sockets.clear();
        }).get(5, TimeUnit.SECONDS);
    }

    /**
     * Waits for the first login. @return the login result
     * @throws LoginFailedException with the operator's message ("authentication failed for user …")
     */
    public LoginResult awaitLogin(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return firstLogin.get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (LoginFailedException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LoginFailedException("no answer from the proxy at " + config.getProxy() + " within "
                    + unit.toSeconds(timeout) + " s: check the address, the port and that UDP gets through");
        }
    }

    /** The local addresses of the link sockets (tests send to them). */
    public List<InetSocketAddress> linkAddresses() throws Exception {
        return loop.submit(() -> sockets.values().stream()
                .map(socket -> (InetSocketAddress) socket.channel().localAddress()).toList()).get(5, TimeUnit.SECONDS);
    }

    /** Completes with the first login (or its failure) without blocking a thread per client as {@link #awaitLogin} does. */
    public CompletionStage<LoginResult> firstLogin() {
        return firstLogin.minimalCompletionStage();
    }

    /** Whether a session runs now (a load generator counts the clients that are back after a proxy restart). */
    public boolean isTunnelUp() {
        return tunnelUp;
    }

    /** Sessions started so far: 1 after the first login, one more after every login again. */
    public int sessionsStarted() {
        return sessionsStarted;
    }

    /** Drop counts by reason (tests and status). */
    public DropCounters drops() {
        return drops;
    }

    /** The TUN device once the tunnel is up (tests reach the in-memory one this way). */
    public TunDevice tun() {
        return tun;
    }

    // ------------------------------------------------------------------ login

    /** Starts a login unless one is under way or a session runs; any trigger may call it. */
    private void beginLogin() {
        if (closing || loggingIn || session != null) {
            return;
        }
        if (sockets.isEmpty()) {
            log.warn("no usable link to log in over; waiting for an interface");
            loop.schedule(this::beginLogin, 1, TimeUnit.SECONDS);
            return;
        }
        loggingIn = true;
        List<LinkSocket> available = new ArrayList<>(sockets.values());
        LinkSocket socket = available.get(loginLinkIndex % available.size());
        ClientLogin clientLogin = new ClientLogin(config.getUser(), password,
                ClientLoginOptions.defaults(config.getEncryption(), dataPathName), random);
        login = new ClientLoginDriver(clientLogin, loop, proofWorker, clock, new ClientLoginDriver.Callbacks() {
            @Override
            public void sendHandshake(byte[] body) {
                sendLogin(socket, body);
            }

            @Override
            public void succeeded(LoginResult result) {
                login = null;
                worker.execute(() -> openTunnel(result, socket));
            }

            @Override
            public void failed(LoginFailure failure) {
                login = null;
                onLoginFailed(failure);
            }

            @Override
            public void unmatched() {
                drops.count(DropReason.UNMATCHED_HANDSHAKE);
            }
        });
        loginSocket = socket;
        log.info("logging in as {} via link {}", config.getUser(), socket.config().getName());
        login.start();
    }

    private void sendLogin(LinkSocket socket, byte[] body) {
        MessageType type = MessageType.ofCode(body[0]);
        ByteBuf out = alloc.buffer(BraidHeader.LENGTH + body.length);
        new BraidHeader(type, socket.id(), 0, 0, 0).writeTo(out);
        out.writeBytes(body);
        socket.channel().writeAndFlush(new DatagramPacket(out, socket.proxy()), socket.channel().voidPromise());
    }

    private void onLoginFailed(LoginFailure failure) {
        loggingIn = false;
        String message = failure.reason() == LoginFailure.Reason.AUTH_FAILED
                ? "authentication failed for user " + config.getUser()
                : failure.message();
        if (!firstLogin.isDone()) {
            firstLogin.completeExceptionally(new LoginFailedException(message));
            return;
        }
        // Logged in before: keep trying (the proxy may be restarting), on the next link each time.
        log.warn("login failed: {}; trying again in 2 s", message);
        loginLinkIndex++;
        loop.schedule(this::beginLogin, 2, TimeUnit.SECONDS);
    }

    /** On the worker: the TUN is created or reused (blocking), then the session starts on the loop. */
    private void openTunnel(LoginResult result, LinkSocket loginSocket) {
        SessionParameters params = result.parameters();
        boolean newTun = false;
        try {
            if (tun == null || !params.virtualAddress().equals(tunParameters.virtualAddress())
                    || params.prefixLength() != tunParameters.prefixLength()
                    || !Objects.equals(params.ipv6(), tunParameters.ipv6())
                    || !pushed(params).routes().equals(pushed(tunParameters).routes())) {
                if (tun != null) {
                    log.info("proxy assigned a new address {}: re-creating the TUN", params.virtualAddress().getHostAddress());
                    hooks.down();
                    tun.close();
                }
                newTun = true;
                Ipv6Assignment ipv6 = params.ipv6();
                tun = tunFactory.create(new TunSpec(config.getTunName(), params.virtualAddress(), params.prefixLength(),
                        params.tunnelMtu(), TunnelRoutes.of(routes(params)), ipv6 == null ? null : ipv6.address(),
                        ipv6 == null ? 0 : ipv6.prefixLength()));
                tunParameters = params;
                if (killSwitch != null) {
                    killSwitch.update(TunnelRoutes.of(routes(params))); // the pushed routes too
                }
                TunDevice device = tun;
                TunReading reading = shared == null ? TunReading.THREAD_PER_DEVICE : shared.tunReading();
                reading.start(device, new TunHandoff(loop, TunHandoff.DEFAULT_MAX_PENDING, this::fromTun),
                        fatal -> log.error("TUN {} failed: {}", device.name(), fatal.getMessage()));
            }
        } catch (RuntimeException e) {
            loop.execute(() -> tunnelFailed(e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean runOnUp = newTun;
        loop.execute(() -> startSession(result, loginSocket, runOnUp));
    }

    /** The TUN could not be made: the first time the client gives up, later it tries again. */
    private void tunnelFailed(String message) {
        loggingIn = false;
        if (!firstLogin.isDone()) {
            firstLogin.completeExceptionally(new LoginFailedException(message));
            return;
        }
        log.warn("could not set up the TUN after logging in again: {}; trying again in 2 s", message);
        loop.schedule(this::beginLogin, 2, TimeUnit.SECONDS);
    }

    private void startSession(LoginResult result, LinkSocket loginSocket, boolean runOnUp) {
        loggingIn = false;
        if (closing) {
            return;
        }
        SessionParameters params = result.parameters();
        sessionToken = params.sessionToken();
        SessionIdentity identity = new SessionIdentity(params.sessionId(), Role.CLIENT, result.username(),
                Ipv4.parse(params.virtualAddress().getHostAddress()),
                params.ipv6() == null ? null : Ipv6Address.of(params.ipv6().address()));
        PacketProtector protector = PacketProtector.forClient(result.keys(), params.suite(),
                RekeyLimits.defaults(params.suite()), clock.nanos());
        TunDevice device = tun;
        session = new Session(identity, new ProtectedSessionCrypto(protector, clock), loop, clock, alloc,
                device::write, drops, this, new LinkPolicy(config.getLinkDownTimeout(), PathValidator.Settings.defaults(),
                random));
        session.mtu().configure(params.tunnelMtu(), config.mtuProbing());
        LinkPathMtu.follow(session, device, worker); // a TUN kept from the last session may be lower
        expiredLinks.clear();
        session.start(plugins.dataPath(params.dataPath()), plugins.extensions());
        joinedLinks.clear();
        for (LinkSocket socket : sockets.values()) {
            Link link = addLink(session, socket);
            sendJoin(link);
        }
        log.info("tunnel up: {} on {} {}/{}{} over {} link(s), data path {}, encryption {}", result.username(),
                device.name(), params.virtualAddress().getHostAddress(), params.prefixLength(),
                params.ipv6() == null ? "" : " " + params.ipv6(), sockets.size(),
                params.dataPath(), params.suite().configName());
        tunnelUp = true;
        if (runOnUp) {
            PushedConfig pushed = pushed(params);
            TunnelHooks.Facts facts = new TunnelHooks.Facts(device.name(), result.username(), config.getProxy().toString(),
                    params.virtualAddress().getHostAddress() + "/" + params.prefixLength(),
                    params.ipv6() == null ? null : params.ipv6().toString(), params.tunnelMtu(),
                    routes(params).stream().map(Object::toString).toList(),
                    pushed.dnsServers().stream().map(InetAddress::getHostAddress).toList(), pushed.searchDomains());
            worker.execute(() -> {
                try {
                    pushedDns.apply(device.name(), pushed);
                    hooks.up(facts);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        sessionsStarted++; // only the event loop writes it
        firstLogin.complete(result);
    }

    /** What the proxy pushed, unless this config says not to use it. */
    private PushedConfig pushed(SessionParameters params) {
        return config.isAcceptPushed() ? params.pushed() : PushedConfig.NONE;
    }

    /** The config's routes, then the pushed ones it does not name already. */
    private List<InetPrefix> routes(SessionParameters params) {
        List<InetPrefix> routes = new ArrayList<>(config.getRoutes());
        pushed(params).routes().stream().filter(route -> !routes.contains(route)).forEach(routes::add);
        return routes;
    }

    private Link addLink(Session to, LinkSocket socket) {
        Link link = to.addLink(socket.id(), socket.config().getName(), socket.channel(), socket.proxy(),
                dataCaps.use(socket.config()));
        to.mtu().probe(link, LinkPathMtu.ceiling(socket.config().getInterface()));
        return link;
    }

    /** The JOIN names the link and says how to use it; it is sent again until acknowledged. */
    private void sendJoin(Link link) {
        ByteBuf body = alloc.buffer(JoinMessage.MAX_NAME + 10);
        JoinMessage.write(body, link.name(), link.use());
        session.sendControl(link, ControlType.JOIN, body);
    }

    /** Links whose data cap was reached (or whose period began again) change their use, and tell the proxy. */
    private void applyDataCaps(Session current) {
        List<String> changed = dataCaps.account(current.links());
        for (LinkSocket socket : sockets.values()) {
            Link link = current.link(socket.id());
            if (link != null && changed.contains(socket.config().getName())) {
                current.setLinkUse(link, dataCaps.use(socket.config()));
                joinedLinks.remove(link.id());
            }
        }
    }

    /** What the links moved since the last tick still counts; then the file is written a last time. */
    private void closeDataCaps() throws Exception {
        loop.submit(() -> {
            if (session != null) {
                dataCaps.account(session.links());
            }
        }).get(5, TimeUnit.SECONDS);
        dataCaps.close();
    }

    /** The session dropped a link that was DOWN for link-down-timeout: it joins again later, as a new link. */
    @Override
    public void linkExpired(Session s, Link link) {
        joinedLinks.remove(link.id());
        if (sockets.containsKey(link.id())) {
            expiredLinks.put(link.id(), clock.nanos());
        }
    }

    /** Expired links whose socket is still there try again after REJOIN_NANOS (or the timeout), as new links. */
    private void rejoinExpiredLinks(Session current, long now) {
        long wait = Math.min(REJOIN_NANOS, config.getLinkDownTimeout().toNanos());
        for (var it = expiredLinks.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            LinkSocket socket = sockets.get(entry.getKey());
            if (socket == null) {
                it.remove();
            } else if (now - entry.getValue() >= wait && current.link(socket.id()) == null) {
                it.remove();
                log.info("link {} joins again after it was dropped", socket.config().getName());
                sendJoin(addLink(current, socket));
            }
        }
    }

    @Override
    public void joinAcknowledged(Session s, Link link) {
        if (joinedLinks.add(link.id())) {
            log.debug("link {} joined", link.name());
        }
    }

    @Override
    public void tunnelMtuChanged(Session s, int mtu) {
        if (s == session) {
            LinkPathMtu.follow(s, tun, worker);
        }
    }

    @Override
    public void closed(Session s) {
        if (s == session) {
            session = null;
            tunnelUp = false;
        }
        if (!closing) {
            log.warn("the proxy ended the session; logging in again");
            loop.execute(this::beginLogin);
        }
    }

    // ------------------------------------------------------------------ data

    private void fromTun(List<ByteBuf> batch) {
        for (ByteBuf packet : batch) {
            if (session == null) {
                drops.count(DropReason.CLOSED);
                packet.release();
            } else if (Ipv4.isIpv4(packet) || ownIpv6(session, packet)) {
                session.mtu().clampMss(packet);
                session.onTunPacket(packet);
            } else {
                // IPv6 without an IPv6 address (a full tunnel routes it here so it cannot leak), the
                // kernel's link-local chatter on the TUN, or not IP at all
                drops.count(Ipv6.isIpv6(packet) ? DropReason.NO_IPV6 : DropReason.NOT_IP);
                packet.release();
            }
        }
    }

    private static boolean ownIpv6(Session session, ByteBuf packet) {
        Ipv6Address own = session.identity().virtualIp6();
        return own != null && Ipv6.isIpv6(packet) && Ipv6.sourceIs(packet, own);
    }

    /** Datagrams of one link's socket, on the event loop. */
    private final class LinkHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int linkId;

        LinkHandler(int linkId) {
            super(false);
            this.linkId = linkId;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onDatagram(linkId, Datagrams.onHeap(packet.content(), alloc), packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("link {} socket error: {}", linkId, cause.toString());
        }
    }

    /** Takes ownership of {@code datagram}. */
    private void onDatagram(int linkId, ByteBuf datagram, InetSocketAddress sender) {
        BraidHeader header;
        try {
            header = BraidHeader.readFrom(datagram);
        } catch (MalformedPacketException e) {
            drops.count(e.reason());
            datagram.release();
            return;
        }
        if (header.type().isHandshake()) {
            // Only the proxy, on the login's own link, answers a login.
            LinkSocket expected = loginSocket;
            if (login == null || expected == null || expected.id() != linkId || !sender.equals(expected.proxy())) {
                drops.count(DropReason.UNMATCHED_HANDSHAKE);
                datagram.release();
                return;
            }
            byte[] body = ByteBufUtil.getBytes(datagram);
            datagram.release();
            login.onMessage(body);
            return;
        }
        Session current = session;
        if (current == null || header.sessionId() != current.sessionId()) {
            drops.count(DropReason.UNKNOWN_SESSION);
            datagram.release();
            return;
        }
        if (header.type() == MessageType.UNKNOWN_SESSION) {
            // Authentic: the session's token. Without it (a proxy that lost its secret file), only
            // a session that has heard nothing authentic for proxy-dead-after gives way, so a
            // stranger cannot end a live one.
            boolean authentic = hasSessionToken(datagram);
            datagram.release();
            LinkSocket socket = sockets.get(linkId);
            boolean dead = clock.nanos() - current.lastReceiveNanos() > config.getProxyDeadAfter().toNanos();
            if (socket == null || !sender.equals(socket.proxy()) || !(authentic || dead)) {
                drops.count(DropReason.FORGED_UNKNOWN_SESSION);
                return;
            }
            log.warn("the proxy no longer knows session {} (restarted?); logging in again",
                    SessionIds.format(current.sessionId()));
            current.close(false);
            return;
        }
        Link link = current.link(linkId);
        if (link == null) {
            drops.count(DropReason.UNKNOWN_LINK);
            datagram.release();
            return;
        }
        current.onDatagram(header, link, datagram, sender);
    }

    /** Whether the body is exactly the current session's token (does not take ownership). */
    private boolean hasSessionToken(ByteBuf body) {
        if (sessionToken == null || body.readableBytes() != SessionToken.LENGTH) {
            return false;
        }
        return sessionToken.matches(ByteBufUtil.getBytes(body));
    }

    // ------------------------------------------------------------------ maintenance

    private void tick() {
        Session current = session;
        if (current == null || closing) {
            return;
        }
        long now = clock.nanos();
        current.sampleRates(now);
        applyDataCaps(current);
        rejoinExpiredLinks(current, now);
        // A silent proxy does not end the session: the links may all be down for a while, and the
        // session resumes when they return. A proxy that restarted answers the keepalives below
        // with UNKNOWN_SESSION, and the client then logs in again.
        boolean silent = now - current.lastReceiveNanos() > config.getProxyDeadAfter().toNanos();
        if (silent != proxySilent) {
            proxySilent = silent;
            if (silent) {
                log.warn("nothing from the proxy for {}; keeping the session and asking on every link, less often"
                        + " each time (up to every {})", Durations.format(config.getProxyDeadAfter()),
                        Durations.format(config.getKeepalive()));
            } else {
                log.info("the proxy answers again");
                silenceBackoff.reset();
            }
        }
        boolean askSilentProxy = silent && silenceBackoff.due(now);
        long keepalive = config.getKeepalive().toNanos();
        List<LinkHandle> links = current.links();
        for (var handle : links) {
            Link link = (Link) handle;
            // A standby link's RTT is not refreshed: on a metered backup every datagram counts.
            boolean refreshRtt = now - link.lastRttSampleNanos() > RTT_REFRESH_NANOS && LinkUse.carries(link, links);
            if (!joinedLinks.contains(link.id())) {
                sendJoin(link);
            } else if (askSilentProxy || now - link.lastSendNanos() > keepalive || refreshRtt) {
                current.sendKeepalive(link);
            }
        }
    }

    // ------------------------------------------------------------------ status and shutdown

    /** A copy of what {@code braid status} shows; on the event loop. */
    private ClientStatus statusNow() {
        return new ClientStatus(config, tun == null ? null : tun.name(), session, login != null,
                sockets.values().stream().map(socket -> socket.config().getName()).toList(), waitingLinks.values(),
                dataCaps, drops);
    }

    /** What a metrics scrape exports, copied on the event loop; called off it. */
    public MetricsSample metricsSample(int maxSessions) {
        return LoopCalls.call(loop, "metrics", () -> MetricsSample.of(session == null ? List.of() : List.of(session), drops, maxSessions,
                dataCaps::sample));
    }

    private void closeTunnel() throws Exception {
        closing = true;
        loop.submit(() -> {
            if (login != null) {
                login.cancel();
            }
            if (session != null) {
                session.close(true);
            }
        }).get(5, TimeUnit.SECONDS);
        if (tun != null) {
            hooks.down();
            tun.close();
        }
    }

    @Override
    public void close() {
        closing = true;
        for (Exception e : lifecycle.stop()) {
            log.warn("shutdown: {}", e.getMessage());
        }
        java.util.Arrays.fill(password, (byte) 0);
    }
}
