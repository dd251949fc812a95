package dev.braid.core.cli;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.spi.ConfigReloader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client's {@code links} at reload: links are added and removed by name while the session
 * runs, and a kept link takes a new priority, max-rate and data cap; its socket settings
 * (interface, proxy, address) and a switch to or from {@code links: auto} need a restart, since
 * the socket would have to be made anew.
 */
final class LinksReload implements ConfigReloader {
    private final BraidClient client;
    private Map<String, LinkConfig> running;
    private boolean auto;

    LinksReload(BraidClient client, ConfigDocument started) {
        this.client = client;
        this.running = byName(started);
        this.auto = isAuto(started);
    }

    @Override
    public Set<String> keys() {
        return Set.of(Bootstrap.LINKS_SECTION);
    }

    @Override
    public String what() {
        return "links (added or removed by name; a kept link's priority, max-rate and data cap)";
    }

    @Override
    public Optional<String> check(ConfigDocument next) {
        if (isAuto(next) != auto) {
            return Optional.of("links: a switch to or from 'links: auto' cannot change at run time (restart braid client to apply it)");
        }
        for (LinkConfig link : byName(next).values()) {
            LinkConfig before = running.get(link.getName());
            if (before != null && !render(before.socketSettings()).equals(render(link.socketSettings()))) {
                return Optional.of("links: link " + link.getName() + "'s interface, local-address or proxy cannot change"
                        + " at run time (remove it in one"
                        + " reload and add it back in the next, or restart braid client)");
            }
        }
        return Optional.empty();
    }

    @Override
    public String apply(ConfigDocument next) {
        Map<String, LinkConfig> wanted = byName(next);
        List<String> added = new ArrayList<>(wanted.keySet());
        added.removeAll(running.keySet());
        List<String> removed = new ArrayList<>(running.keySet());
        removed.removeAll(wanted.keySet());
        List<String> changed = new ArrayList<>();
        wanted.forEach((name, link) -> {
            LinkConfig before = running.get(name);
            if (before != null && !render(before).equals(render(link))) {
                changed.add(name + " (" + link.use().describe() + (link.getDataCap().bytes() == 0 ? ""
                        : ", data-cap " + link.getDataCap() + " a " + link.getDataCapPeriod().name().toLowerCase(Locale.ROOT)) + ")");
            }
        });
        client.replaceLinks(List.copyOf(wanted.values()), auto);
        running = wanted;
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (!changed.isEmpty()) {
            parts.add("now " + String.join(", ", changed));
        }
        return "links:" + (parts.isEmpty() ? "" : " " + String.join("; ", parts));
    }

    private static Map<String, LinkConfig> byName(ConfigDocument document) {
        Map<String, LinkConfig> links = new LinkedHashMap<>();
        document.listSection(Bootstrap.LINKS_SECTION, LinkConfig.class).forEach(link -> links.put(link.getName(), link));
        return links;
    }

    private static boolean isAuto(ConfigDocument document) {
        return document.listKeyword(Bootstrap.LINKS_SECTION).isPresent();
    }

    private static String render(LinkConfig link) {
        return EffectiveConfig.renderSection(Bootstrap.LINKS_SECTION, List.of(link));
    }
}
