package dev.braid.testbed.bench.sessions;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.client.SharedClientThreads;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.login.LoginResult;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.TunDevice;
import dev.braid.core.tun.TunFactory;
import dev.braid.core.tun.TunSpec;
import dev.braid.core.wire.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One of the generator's sessions: a real {@link BraidClient} (SRP login, key derivation, its
 * links' UDP sockets bound to this session's own source address, keepalives) on the shared
 * threads, with a {@link PushTun}. A first login that fails is tried again by a fresh client after
 * a jittered pause, as a supervised client process would be restarted.
 */
final class GeneratorSession {
    /** The shared parts every session's client is built from. */
    record Setup(ClientConfig template, int links, PluginSet plugins, SharedClientThreads threads, byte[] password,
                 ScheduledExecutorService retries) {}

    private static final long RETRY_MIN_MILLIS = 1_000;
    private static final long RETRY_MAX_MILLIS = 3_000;

    private final int index;
    private final String user;
    private final String sourceAddress;
    private final Setup setup;
    private final AtomicInteger failedFirstLogins = new AtomicInteger();
    private volatile BraidClient client;
    private volatile PushTun tun;
    private volatile long loggedInNanos = -1;
    private volatile int virtualAddress;
    private volatile boolean closed;
    /** The client and its session count when the proxy was killed: a session is back when either moved on. */
    private BraidClient markedClient;
    private int markedStarts;

    GeneratorSession(int index, String user, String sourceAddress, Setup setup) {
        this.index = index;
        this.user = user;
        this.sourceAddress = sourceAddress;
        this.setup = setup;
    }

    /** Binds the links and starts the login (it completes later; see {@link #loggedInNanos}). */
    void start() throws Exception {
        ClientConfig config = copy(setup.template());
        config.setUser(user);
        config.setTunName("gen" + index);
        List<LinkConfig> links = new ArrayList<>();
        for (int i = 0; i < setup.links(); i++) {
            LinkConfig link = LinkConfig.named("l" + i);
            link.setLocalAddress(sourceAddress);
            links.add(link);
        }
        BraidClient fresh = new BraidClient(config, links, setup.plugins(), new PushTuns(), setup.password(),
                SystemClock.INSTANCE).onSharedThreads(setup.threads());
        client = fresh;
        fresh.start();
        fresh.firstLogin().whenComplete((result, failure) -> {
            if (failure == null) {
                loggedIn(result);
            } else {
                retryLater(fresh);
            }
        });
    }

    private void loggedIn(LoginResult result) {
        virtualAddress = Ipv4.parse(result.parameters().virtualAddress().getHostAddress());
        if (loggedInNanos < 0) {
            loggedInNanos = SystemClock.INSTANCE.nanos();
        }
    }

    /** Off the client's event loop (closing waits for it): a fresh client after a pause. */
    private void retryLater(BraidClient failed) {
        failedFirstLogins.incrementAndGet();
        long pause = ThreadLocalRandom.current().nextLong(RETRY_MIN_MILLIS, RETRY_MAX_MILLIS);
        setup.retries().schedule(() -> {
            failed.close();
            if (!closed) {
                try {
                    start();
                } catch (Exception e) {
                    retryLater(client);
                }
            }
        }, pause, TimeUnit.MILLISECONDS);
    }

    private static ClientConfig copy(ClientConfig template) {
        ClientConfig config = new ClientConfig();
        config.setProxy(template.getProxy());
        config.setEncryption(template.getEncryption());
        config.setDataPath(template.getDataPath());
        config.setKeepalive(template.getKeepalive());
        config.setProxyDeadAfter(template.getProxyDeadAfter());
        config.setLoginTimeout(template.getLoginTimeout());
        config.setLinkDownTimeout(template.getLinkDownTimeout());
        return config;
    }

    int index() {
        return index;
    }

    /** When the first login of this session succeeded (System.nanoTime), or -1. */
    long loggedInNanos() {
        return loggedInNanos;
    }

    boolean isUp() {
        BraidClient current = client;
        return current != null && current.isTunnelUp();
    }

    int failedFirstLogins() {
        return failedFirstLogins.get();
    }

    /** Remembers the current session before the proxy is killed. */
    synchronized void mark() {
        markedClient = client;
        markedStarts = markedClient == null ? 0 : markedClient.sessionsStarted();
    }

    /** A new session since {@link #mark}: the client logged in again (or a retried client did). */
    synchronized boolean isBack() {
        BraidClient current = client;
        return current != null && current.isTunnelUp()
                && (current != markedClient || current.sessionsStarted() > markedStarts);
    }

    /** The session's TUN once it is up, else null. */
    PushTun tun() {
        return tun;
    }

    /** The address the proxy gave the session's TUN. */
    int virtualAddress() {
        return virtualAddress;
    }

    long drops() {
        BraidClient current = client;
        return current == null ? 0 : current.drops().total();
    }

    /** The client's drop counters by reason (labels as in `braid status`). */
    Map<String, Long> dropsByReason() {
        BraidClient current = client;
        Map<String, Long> drops = new LinkedHashMap<>();
        if (current != null) {
            current.drops().snapshot().forEach((reason, count) -> drops.put(reason.label(), count));
        }
        return drops;
    }

    void close() {
        closed = true;
        BraidClient current = client;
        if (current != null) {
            current.close();
        }
    }

    /** Makes this session's {@link PushTun}s (a new one when the proxy assigns a new address). */
    private final class PushTuns implements TunFactory {
        @Override
        public TunDevice create(TunSpec spec) {
            PushTun device = new PushTun(spec.name(), spec.mtu());
            tun = device;
            return device;
        }
    }
}
