package dev.braid.benchmarks.jmh;

import dev.braid.multilink.adapter.ByteBufPacketBytes;
import dev.braid.multilink.protocol.FlowSettings;
import dev.braid.multilink.protocol.FlowTable;
import dev.braid.multilink.protocol.InnerPacketParser;
import dev.braid.multilink.protocol.PacketFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per inner packet, what the sender adds for flows: parse the packet in place from a direct
 * buffer ({@link ByteBufPacketBytes}) and {@link FlowTable#touch} it (lookup, counters, rate,
 * classification). The packets cycle through {@code flows} distinct tuples, 10 µs of virtual time
 * apart; 100000 tuples against the default 1024 slots is a flood (overflow slot, no expiry
 * within 30 s). IPv4 UDP of 200 bytes, or IPv6 TCP behind a hop-by-hop and a destination-options
 * header. {@link #parse} is the parse alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FlowTableBench {
    @Param({"1", "512", "100000"})
    public int flows;

    @Param({"ipv4-udp", "ipv6-tcp-ext"})
    public String packet;

    private final InnerPacketParser<ByteBuf> parser = new InnerPacketParser<>(ByteBufPacketBytes.INSTANCE, 0x5eed);
    private final PacketFacts facts = new PacketFacts();
    private FlowTable table;
    private ByteBuf[] packets;
    private int next;
    private long nowNanos;

    @Setup
    public void setUp() {
        table = new FlowTable(FlowSettings.defaults());
        // a flood reuses 512 buffers (packets in cache, as after a TUN read), each packet with a new source port
        int distinct = Math.min(flows, 512);
        packets = new ByteBuf[distinct];
        for (int i = 0; i < distinct; i++) {
            byte[] bytes = packet.equals("ipv4-udp") ? ipv4Udp(i) : ipv6TcpWithExtensions(i);
            packets[i] = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        }
    }

    @TearDown
    public void tearDown() {
        for (ByteBuf buf : packets) {
            buf.release();
        }
    }

    @Benchmark
    public int parseAndTouch() {
        ByteBuf buf = packets[next % packets.length];
        if (flows > packets.length) {
            buf.setShort(portOffset(), next); // a new tuple per packet
        }
        next = next + 1 == flows ? 0 : next + 1;
        nowNanos += 10_000;
        return table.touch(nowNanos, parser.parse(buf, facts), buf.readableBytes());
    }

    /** The parse alone, for the share of {@link #parseAndTouch} that is the table's. */
    @Benchmark
    public int parse() {
        ByteBuf buf = packets[next % packets.length];
        next = next + 1 == flows ? 0 : next + 1;
        return parser.parse(buf, facts).flowHash();
    }

    private int portOffset() {
        return packet.equals("ipv4-udp") ? 20 : 40 + 8 + 16;
    }

    private static byte[] ipv4Udp(int flow) {
        byte[] p = new byte[200];
        p[0] = 0x45;
        p[2] = 0;
        p[3] = (byte) 200;
        p[8] = 64;
        p[9] = 17;
        p[12] = 10;
        p[14] = (byte) (flow >>> 8);
        p[15] = (byte) flow;
        p[16] = 10;
        p[19] = 1;
        p[20] = (byte) 0x9C;
        p[21] = 0x40;
        p[22] = 0x13;
        p[23] = (byte) 0x8C;
        return p;
    }

    private static byte[] ipv6TcpWithExtensions(int flow) {
        byte[] p = new byte[40 + 8 + 16 + 20 + 1200];
        p[0] = 0x60;
        p[4] = (byte) ((p.length - 40) >>> 8);
        p[5] = (byte) (p.length - 40);
        p[6] = 0; // hop-by-hop
        p[7] = 64;
        p[8] = 0x20;
        p[9] = 0x01;
        p[22] = (byte) (flow >>> 8);
        p[23] = (byte) flow;
        p[24] = 0x20;
        p[25] = 0x01;
        p[39] = 1;
        p[40] = 60; // then destination options
        p[48] = 6; // then TCP
        p[49] = 1; // 16 bytes
        p[64] = 0x01;
        p[65] = (byte) 0xBB;
        p[66] = (byte) 0xC3;
        p[67] = 0x50;
        return p;
    }
}
