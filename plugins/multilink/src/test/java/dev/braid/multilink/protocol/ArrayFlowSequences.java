package dev.braid.multilink.protocol;

import java.util.Arrays;

/** The flow table's {@link FlowSequences} job for tests: a few flow slots, nothing else. */
final class ArrayFlowSequences implements FlowSequences {
    private final long[] last;

    ArrayFlowSequences(int slots) {
        last = new long[slots];
        Arrays.fill(last, -1);
    }

    @Override
    public long lastGlobalSeq(int slot) {
        return last[slot];
    }

    @Override
    public void setLastGlobalSeq(int slot, long globalSeq) {
        last[slot] = globalSeq;
    }
}
