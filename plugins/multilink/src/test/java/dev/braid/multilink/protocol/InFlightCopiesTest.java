package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Every copy kept leaves exactly once (acked: released; lost: to repair), whatever seqs were skipped. */
class InFlightCopiesTest {
    /** A packet that counts its releases. */
    static final class Pkt {
        final long seq;
        int releases;

        Pkt(long seq) {
            this.seq = seq;
        }
    }

    private static final PacketCopier<Pkt> COUNTING = new PacketCopier<>() {
        @Override
        public Pkt copy(Pkt packet) {
            return packet;
        }

        @Override
        public void release(Pkt copy) {
            copy.releases++;
        }
    };

    private final List<Pkt> lost = new ArrayList<>();
    private final InFlightCopies<Pkt> copies = new InFlightCopies<>(COUNTING, c -> lost.add(c.packet()));

    private void keep(long seq, Map<Long, Pkt> kept) {
        Pkt p = new Pkt(seq);
        kept.put(seq, p);
        copies.add(seq, new InFlightCopies.Copy<>(seq, 0, p, 100, 0));
    }

    @Test
    void aJumpOverSkippedSeqsThatGrowsTheRingDoesNotAliasOldCopies() {
        Map<Long, Pkt> kept = new HashMap<>();
        for (long s = 0; s < 10; s++) {
            keep(s, kept);
        }
        keep(100, kept); // seqs 10..99 went out without copies (redundant twins)

        for (long s = 64; s < 74; s++) {
            copies.acked(s); // no copy was kept for these: nothing to free
        }
        for (long s = 0; s < 10; s++) {
            assertEquals(0, kept.get(s).releases, "copy " + s + " freed by an ack of another seq");
        }
        copies.releaseAll();
        kept.values().forEach(p -> assertEquals(1, p.releases, "copy " + p.seq));
    }

    @Property(tries = 300)
    void everyCopyLeavesExactlyOnce(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
                                    @ForAll @IntRange(min = 1, max = 2000) int steps) {
        Random rnd = new Random(seed);
        Map<Long, Pkt> kept = new HashMap<>();
        long next = rnd.nextInt(1000);
        for (int i = 0; i < steps; i++) {
            int action = rnd.nextInt(10);
            if (action < 5) {
                next += rnd.nextInt(10) == 0 ? rnd.nextInt(300) : 0; // sometimes a run of seqs without copies
                keep(next++, kept);
            } else if (next > 0) {
                long seq = Math.max(0, next - 1 - rnd.nextInt(400));
                if (action < 8) {
                    copies.acked(seq);
                } else {
                    copies.lost(seq);
                }
            }
        }
        copies.releaseAll();
        for (Pkt p : kept.values()) {
            int left = p.releases + (lost.contains(p) ? 1 : 0);
            assertEquals(1, left, "copy " + p.seq + " released " + p.releases + ", lost " + lost.contains(p));
        }
        assertTrue(lost.stream().distinct().count() == lost.size(), "a copy lost twice");
    }
}
