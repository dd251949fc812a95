package dev.braid.benchmarks.jmh;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.Srp;
import dev.braid.core.login.ClientLogin;
import dev.braid.core.login.ClientLoginOptions;
import dev.braid.core.login.HelloGate;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a login costs the proxy: both SRP server steps (B at HELLO, S at PROOF) with Braid's
 * 256-bit secret against BouncyCastle's full-size blinded one, and the cookie check every HELLO
 * pays on the event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LoginCostBench {
    private final SecureRandom random = new SecureRandom();
    private byte[] verifier;
    private BigInteger clientA;
    private HelloGate gate;
    private InetAddress source;
    private byte[] helloWithoutCookie;
    private long now;

    @Setup
    public void setUp() throws Exception {
        byte[] salt = new byte[16];
        byte[] user = "alice".getBytes(StandardCharsets.UTF_8);
        byte[] preHash = new byte[32];
        verifier = Srp.verifier(salt, user, preHash);
        clientA = Srp.newClient(random).generateClientCredentials(salt, user, preHash);
        gate = new HelloGate(HelloGate.Limits.defaults(), random);
        source = InetAddress.getByName("192.0.2.10");
        helloWithoutCookie = new ClientLogin("alice", "pw".getBytes(StandardCharsets.UTF_8),
                ClientLoginOptions.defaults(CipherSuite.NONE, "single"), random).start(0);
    }

    @Benchmark
    public BigInteger srpServerShortExponent() throws CryptoException {
        SRP6Server server = Srp.newServer(verifier, random);
        server.generateServerCredentials();
        return server.calculateSecret(clientA);
    }

    @Benchmark
    public BigInteger srpServerBouncyCastleDefault() throws CryptoException {
        SRP6Server server = new SRP6Server();
        server.init(Srp.GROUP, new BigInteger(1, verifier), new SHA256Digest(), random);
        server.generateServerCredentials();
        return server.calculateSecret(clientA);
    }

    @Benchmark
    public HelloGate.Verdict helloGateAnswersWithACookie() {
        now += 1_000_000; // 1 ms per HELLO: the reply budget never runs dry, every call pays the HMAC
        return gate.check(source, helloWithoutCookie, now);
    }
}
