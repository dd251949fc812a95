package dev.braid.core.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which links the client should have, given the interfaces that are usable now (up, not loopback,
 * with an IPv4 or a global IPv6 address). Links tied to an interface exist only while it is usable; with
 * {@code links: auto} every usable interface gets a link named after it.
 */
public final class LinkPlanner {
    private final List<LinkConfig> configured;
    private final boolean auto;

    public LinkPlanner(List<LinkConfig> configured, boolean auto) {
        this.configured = List.copyOf(configured);
        this.auto = auto;
    }

    /** True if the plan depends on interfaces, so they need watching. */
    public boolean watchesInterfaces() {
        return auto || configured.stream().anyMatch(link -> !link.getInterface().isEmpty());
    }

    /** The links wanted now, in a stable order. */
    public List<LinkConfig> plan(Set<String> usableInterfaces) {
        List<LinkConfig> links = new ArrayList<>();
        if (auto) {
            for (String name : new TreeSet<>(usableInterfaces)) {
                LinkConfig link = LinkConfig.named(name);
                link.setInterface(name);
                links.add(link);
            }
            return links;
        }
        if (configured.isEmpty()) {
            return List.of(LinkConfig.named("default"));
        }
        for (LinkConfig link : configured) {
            if (link.getInterface().isEmpty() || usableInterfaces.contains(link.getInterface())) {
                links.add(link);
            }
        }
        return links;
    }

    /**
     * The configured links that {@link #plan} leaves out for want of their interface, with why:
     * {@code present} are all interfaces the host has, {@code usable} those a link can use.
     */
    public List<WaitingLink> waiting(Set<String> usableInterfaces, Set<String> presentInterfaces) {
        List<WaitingLink> waiting = new ArrayList<>();
        if (auto) {
            return waiting;
        }
        for (LinkConfig link : configured) {
            String nic = link.getInterface();
            if (!nic.isEmpty() && !usableInterfaces.contains(nic)) {
                waiting.add(new WaitingLink(link.getName(), nic, presentInterfaces.contains(nic)
                        ? WaitingLink.NOT_USABLE : WaitingLink.NO_SUCH_INTERFACE));
            }
        }
        return waiting;
    }
}
