package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A proxy with tiny Argon2 parameters and an in-memory user table, plus client helpers. */
final class LoginFixture {

    static final long SECOND = 1_000_000_000L;
    static final String SOURCE = "192.0.2.10";
    static final SecureRandom RANDOM = new SecureRandom();

    final Map<String, UserRecord> users = new HashMap<>();
    int nextSession = 100;
    int poolLeft = 10;
    ServerLoginPolicy policy = new ServerLoginPolicy(false, EnumSet.allOf(CipherSuite.class),
            Set.of("single", "multilink"), 1400, Duration.ofSeconds(1), Duration.ofSeconds(60));
    /** The shipped limits (pair 5 per 12 s, source 10 per 6 s, user 20 per 3 s) with cheap Argon2. */
    ServerLoginConfig config = ServerLoginConfig.defaults().withFakeUserArgon2(Argon2Params.TEST_CHEAP);
    private ServerLogin server;

    LoginFixture withUser(String name, String password) {
        users.put(name, UserRecord.create(name, password.getBytes(StandardCharsets.UTF_8), Argon2Params.TEST_CHEAP,
                RANDOM));
        return this;
    }

    ServerLogin server() {
        if (server == null) {
            server = new ServerLogin(name -> Optional.ofNullable(users.get(name)), this::allocate, policy, config,
                    "0123456789abcdef-secret".getBytes(StandardCharsets.US_ASCII), RANDOM);
        }
        return server;
    }

    private SessionAllocator.Result allocate(String username, String dataPath) {
        if (poolLeft == 0) {
            return SessionAllocator.Result.refused(RejectReason.POOL_EXHAUSTED);
        }
        poolLeft--;
        int id = nextSession++;
        return SessionAllocator.Result.granted(new SessionAllocation(id, ipv4(10, 99, 0, id & 0xff), 24));
    }

    static Inet4Address ipv4(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientLogin client(String user, String password, CipherSuite suite) {
        return new ClientLogin(user, password.getBytes(StandardCharsets.UTF_8),
                ClientLoginOptions.defaults(suite, "multilink"), RANDOM);
    }

    /** Runs the proof computation inline (a real caller uses a worker thread). */
    static byte[] proofFor(ClientLogin client, ClientEvent challengeEvent, long now) {
        ProofWork work = assertInstanceOf(ClientEvent.ComputeProof.class, challengeEvent).work();
        ClientEvent sent = client.completeProof(work.compute(), now);
        return assertInstanceOf(ClientEvent.Send.class, sent).body();
    }

    /** Sends {@code request} to the server and checks the no-amplification rule. */
    byte[] exchange(byte[] request, long now) {
        return exchange(SOURCE, request, now);
    }

    /** {@link #exchange(byte[], long)} from another source address. */
    byte[] exchange(String source, byte[] request, long now) {
        ServerResponse response = server().onMessage(source, request, now);
        byte[] reply = response.reply().orElseThrow();
        assertTrue(reply.length <= request.length, "reply " + reply.length + " > request " + request.length);
        return reply;
    }
}
