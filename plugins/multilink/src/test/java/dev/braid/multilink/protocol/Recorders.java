package dev.braid.multilink.protocol;

import java.util.ArrayList;
import java.util.List;

/** Recording outputs for tests. */
final class Recorders {
    private Recorders() {
    }

    record Sent<P>(int linkId, DataHeader header, P packet) {
    }

    record Dropped<P>(P packet, DropReason reason) {
    }

    record Discarded<P>(P packet, DiscardReason reason) {
    }

    record Ack(int linkId, AckMessage ack) {
    }

    static final class SenderRecorder<P> implements SenderOutput<P> {
        final List<Sent<P>> sent = new ArrayList<>();
        final List<Dropped<P>> dropped = new ArrayList<>();

        @Override
        public void send(int linkId, DataHeader header, P packet) {
            sent.add(new Sent<>(linkId, header, packet));
        }

        @Override
        public void drop(P packet, DropReason reason) {
            dropped.add(new Dropped<>(packet, reason));
        }
    }

    static final class ReceiverRecorder<P> implements ReceiverOutput<P> {
        final List<P> delivered = new ArrayList<>();
        /** How long each of {@link #delivered} waited in the resequencer. */
        final List<Long> heldNanos = new ArrayList<>();
        final List<P> deliveredLate = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        final List<Discarded<P>> discarded = new ArrayList<>();

        @Override
        public void deliver(P packet) {
            deliver(packet, 0);
        }

        @Override
        public void deliver(P packet, long held) {
            delivered.add(packet);
            heldNanos.add(held);
        }

        @Override
        public void deliverLate(P packet) {
            deliveredLate.add(packet);
        }

        @Override
        public void sendAck(int linkId, AckMessage ack) {
            acks.add(new Ack(linkId, ack));
        }

        @Override
        public void discard(P packet, DiscardReason reason) {
            discarded.add(new Discarded<>(packet, reason));
        }
    }
}
