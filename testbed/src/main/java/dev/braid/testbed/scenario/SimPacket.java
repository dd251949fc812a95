package dev.braid.testbed.scenario;

import dev.braid.multilink.protocol.DataHeader;

/** An inner packet travelling through the simulated tunnel (no bytes, just what is measured). */
final class SimPacket {
    /** The CBR source's sequence number (offer order). */
    final long innerSeq;
    DataHeader header;
    int linkId;
    long arrivalNanos;

    SimPacket(long innerSeq) {
        this.innerSeq = innerSeq;
    }
}
