package dev.braid.multilink.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The receiving end's view of resequencer holds by inner flow: which flows' packets waited behind
 * holes, how often and how long. Only held packets are looked at (parsed and counted), so the
 * packets that go straight through cost nothing here. The per-slot arrays follow the table's
 * size: grown when a held packet's flow lands beyond them, shrunk by {@link #releaseIdle}.
 */
public final class FlowHolds {
    /** One flow's holds, for status. */
    public record Held(String tuple, long packets, long meanHoldNanos, long maxHoldNanos) {
    }

    private final FlowTable table;
    private long[] flowIdOf = new long[0];
    private long[] packets = new long[0];
    private long[] totalNanos = new long[0];
    private long[] maxNanos = new long[0];
    private long heldPackets;

    public FlowHolds(FlowSettings settings) {
        this.table = new FlowTable(settings);
        resize();
    }

    /** Forgets expired flows and shrinks to what the flows left need; true if memory was released. */
    public boolean releaseIdle(long nowNanos) {
        if (!table.releaseIdle(nowNanos)) {
            return false;
        }
        resize();
        return true;
    }

    /** Flow slots the table has allocated now. */
    public int allocatedFlows() {
        return table.allocatedFlows();
    }

    /** Arrays for the table's slots as allocated now (the overflow slot 0 and flows 1..allocated). */
    private void resize() {
        int slots = table.allocatedFlows() + 1;
        flowIdOf = Arrays.copyOf(flowIdOf, slots);
        packets = Arrays.copyOf(packets, slots);
        totalNanos = Arrays.copyOf(totalNanos, slots);
        maxNanos = Arrays.copyOf(maxNanos, slots);
    }

    /** A packet of the flow {@code facts} describe was delivered after waiting {@code heldNanos}. */
    public void record(long nowNanos, PacketFacts facts, int bytes, long heldNanos) {
        int slot = table.touch(nowNanos, facts, bytes);
        if (slot >= packets.length) {
            resize();
        }
        if (flowIdOf[slot] != table.flowId(slot)) { // a new flow in a reused slot
            flowIdOf[slot] = table.flowId(slot);
            packets[slot] = 0;
            totalNanos[slot] = 0;
            maxNanos[slot] = 0;
        }
        heldPackets++;
        packets[slot]++;
        totalNanos[slot] += heldNanos;
        maxNanos[slot] = Math.max(maxNanos[slot], heldNanos);
    }

    /** Held packets of every flow since the start. */
    public long heldPackets() {
        return heldPackets;
    }

    /** The {@code k} flows that waited longest in all (allocates; for status). */
    public List<Held> top(int k) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < packets.length; slot++) {
            if (packets[slot] > 0 && flowIdOf[slot] == table.flowId(slot)) {
                slots.add(slot);
            }
        }
        slots.sort(Comparator.comparingLong((Integer slot) -> totalNanos[slot]).reversed());
        List<Held> top = new ArrayList<>();
        for (int slot : slots.subList(0, Math.min(k, slots.size()))) {
            top.add(new Held(table.tuple(slot), packets[slot], totalNanos[slot] / packets[slot], maxNanos[slot]));
        }
        return top;
    }
}
