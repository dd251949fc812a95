package dev.braid.benchmarks.jmh;

import dev.braid.core.wire.BraidHeader;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Reference point, not Braid code: the JDK's own AES-256-GCM (SunJCE, AES-NI/CLMUL intrinsics
 * where the CPU has them) sealing the same 1400 bytes in place behind a header-sized AAD, to compare
 * with {@link PacketProtectionBench} (BouncyCastle's lightweight, table-based AES).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3) // the ciphers need longer than the rest to reach C2
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JdkAesGcmReferenceBench {
    private static final int AAD = BraidHeader.LENGTH;

    private final byte[] buffer = new byte[AAD + PacketProtectionBench.BODY + 16];
    private final byte[] nonce = new byte[12];
    private Cipher cipher;
    private SecretKeySpec key;
    private long counter;

    @Setup
    public void setUp() throws Exception {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        key = new SecretKeySpec(new byte[32], "AES");
    }

    @Benchmark
    public int seal() throws Exception {
        long c = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (c >>> (8 * i)); // GCM refuses a reused nonce, as it should
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(buffer, 0, AAD);
        return cipher.doFinal(buffer, AAD, PacketProtectionBench.BODY, buffer, AAD);
    }
}
