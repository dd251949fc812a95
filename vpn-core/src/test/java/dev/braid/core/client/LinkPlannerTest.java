package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkPlannerTest {

    private static LinkConfig link(String name, String nic) {
        LinkConfig link = LinkConfig.named(name);
        link.setInterface(nic);
        return link;
    }

    private static List<String> names(List<LinkConfig> links) {
        return links.stream().map(LinkConfig::getName).toList();
    }

    @Test
    void autoMakesOneLinkPerUsableInterfaceBoundToIt() {
        LinkPlanner planner = new LinkPlanner(List.of(), true);
        assertTrue(planner.watchesInterfaces());
        List<LinkConfig> plan = planner.plan(Set.of("wlan0", "eth0"));
        assertEquals(List.of("eth0", "wlan0"), names(plan));
        assertEquals("eth0", plan.get(0).getInterface());
        assertEquals(List.of(), planner.plan(Set.of()));
    }

    @Test
    void explicitLinksFollowTheirInterfaces() {
        LinkPlanner planner = new LinkPlanner(List.of(link("wired", "eth0"), link("lte", "wwan0")), false);
        assertEquals(List.of("wired", "lte"), names(planner.plan(Set.of("eth0", "wwan0"))));
        assertEquals(List.of("wired"), names(planner.plan(Set.of("eth0"))), "wwan0 went away");
        assertEquals(List.of("wired", "lte"), names(planner.plan(Set.of("eth0", "wwan0"))), "and came back");
    }

    @Test
    void unboundLinksAlwaysExistAndNeedNoWatching() {
        LinkPlanner planner = new LinkPlanner(List.of(LinkConfig.named("a"), LinkConfig.named("b")), false);
        assertFalse(planner.watchesInterfaces());
        assertEquals(List.of("a", "b"), names(planner.plan(Set.of())));
        assertEquals(List.of("default"), names(new LinkPlanner(List.of(), false).plan(Set.of())));
    }

    @Test
    void aLinkWithoutItsInterfaceWaitsAndSaysWhy() {
        LinkPlanner planner = new LinkPlanner(List.of(link("wired", "eth0"), link("lte", "wwan0"), link("wifi", "wlan0"),
                LinkConfig.named("any")), false);
        Set<String> usable = Set.of("eth0");
        assertEquals(List.of("wired", "any"), names(planner.plan(usable)));
        assertEquals(List.of(new WaitingLink("lte", "wwan0", WaitingLink.NO_SUCH_INTERFACE),
                        new WaitingLink("wifi", "wlan0", WaitingLink.NOT_USABLE)),
                planner.waiting(usable, Set.of("lo", "eth0", "wlan0")));
        assertEquals(List.of(), planner.waiting(Set.of("eth0", "wwan0", "wlan0"), Set.of("eth0", "wwan0", "wlan0")));
        assertEquals(List.of(), new LinkPlanner(List.of(), true).waiting(Set.of(), Set.of("eth0")), "auto links never wait");
    }
}
