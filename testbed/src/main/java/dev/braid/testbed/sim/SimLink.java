package dev.braid.testbed.sim;

import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.DropReason;
import dev.braid.testbed.link.LinkCounters;
import dev.braid.testbed.link.LinkModel;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One direction of an emulated link in virtual time: a {@link LinkModel} decides when each packet
 * arrives, and the simulation hands it to the receiver then.
 *
 * @param <T> the packet type (any object; the link only needs its size)
 */
public final class SimLink<T> {

    /** Told about each packet the link loses. */
    @FunctionalInterface
    public interface DropListener<T> {
        void dropped(T packet, DropReason reason);
    }

    private final Simulation simulation;
    private final LinkModel model;
    private final Consumer<? super T> receiver;
    private DropListener<? super T> dropListener = (packet, reason) -> {};
    private long deliveredPackets;
    private long deliveredBytes;

    /**
     * @param seed     seed of the link's loss and jitter
     * @param receiver gets each packet at its modeled arrival time
     */
    public SimLink(Simulation simulation, DirectionSpec spec, long seed, Consumer<? super T> receiver) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.model = new LinkModel(spec, seed, simulation.now());
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Also tells {@code listener} about each lost packet. */
    public SimLink<T> onDrop(DropListener<? super T> listener) {
        this.dropListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Puts {@code packet} of {@code bytes} on the link now.
     *
     * @return true if it will be delivered, false if the link lost it
     */
    public boolean send(T packet, int bytes) {
        long deliveryTime = model.offer(simulation.now(), bytes);
        if (deliveryTime == LinkModel.DROPPED) {
            dropListener.dropped(packet, model.lastDropReason());
            return false;
        }
        simulation.schedule(deliveryTime, () -> {
            deliveredPackets++;
            deliveredBytes += bytes;
            receiver.accept(packet);
        });
        return true;
    }

    /** The model, e.g. to take the link down or change its rate now. */
    public LinkModel model() {
        return model;
    }

    /** What the model accepted and dropped. */
    public LinkCounters counters() {
        return model.counters();
    }

    /** Packets handed to the receiver so far. */
    public long deliveredPackets() {
        return deliveredPackets;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }
}
