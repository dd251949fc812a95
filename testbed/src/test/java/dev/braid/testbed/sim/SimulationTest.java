package dev.braid.testbed.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void actionsRunInTimeOrderAndFifoForEqualTimes() {
        Simulation sim = new Simulation(1);
        List<String> order = new ArrayList<>();
        sim.schedule(30, () -> order.add("c@30"));
        sim.schedule(10, () -> order.add("a@10"));
        sim.schedule(20, () -> order.add("b1@20"));
        sim.schedule(20, () -> order.add("b2@20"));
        sim.schedule(20, () -> order.add("b3@20"));
        sim.runUntil(100);
        assertEquals(List.of("a@10", "b1@20", "b2@20", "b3@20", "c@30"), order);
        assertEquals(100, sim.now());
    }

    @Test
    void clockFollowsTheRunningActionAndActionsMaySchedule() {
        Simulation sim = new Simulation(1);
        List<Long> seen = new ArrayList<>();
        sim.schedule(5, () -> {
            seen.add(sim.clock().nanos());
            sim.scheduleAfter(0, () -> seen.add(sim.now())); // same time, runs after
            sim.scheduleAfter(10, () -> seen.add(sim.now()));
        });
        sim.runUntil(14);
        assertEquals(List.of(5L, 5L), seen);
        assertEquals(14, sim.now());
        sim.runUntil(15);
        assertEquals(List.of(5L, 5L, 15L), seen);
    }

    @Test
    void cancelledActionsDoNotRun() {
        Simulation sim = new Simulation(1);
        List<String> ran = new ArrayList<>();
        ScheduledAction a = sim.schedule(1, () -> ran.add("a"));
        sim.schedule(2, () -> ran.add("b"));
        a.cancel();
        sim.runUntilIdle(10);
        assertEquals(List.of("b"), ran);
        assertEquals(1, sim.executedActions());
    }

    @Test
    void schedulingInThePastIsRejected() {
        Simulation sim = new Simulation(1);
        sim.runUntil(50);
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(49, () -> {}));
        assertThrows(IllegalArgumentException.class, () -> sim.clock().advanceTo(10));
    }

    @Test
    void runUntilIdleIsBounded() {
        Simulation sim = new Simulation(1);
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> sim.scheduleAfter(1, forever[0]);
        sim.schedule(0, forever[0]);
        sim.runUntilIdle(1000);
        assertEquals(1000, sim.executedActions());
    }

    @Test
    void seedsAreReproducible() {
        assertEquals(new Simulation(9).newSeed(), new Simulation(9).newSeed());
        assertEquals(new Simulation(9).newRandom().nextLong(), new Simulation(9).newRandom().nextLong());
    }
}
