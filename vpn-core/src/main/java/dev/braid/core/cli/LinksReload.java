package dev.braid.core.cli;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.spi.ConfigReloader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client's {@code links} at reload: links are added and removed by name while the session
 * runs; a kept link's settings (interface, proxy, address) and a switch to or from
 * {@code links: auto} need a restart, since its socket would have to be made anew.
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
        return "links added or removed by name";
    }

    @Override
    public Optional<String> check(ConfigDocument next) {
        if (isAuto(next) != auto) {
            return Optional.of("links: a switch to or from 'links: auto' cannot change at run time (restart braid client to apply it)");
        }
        for (LinkConfig link : byName(next).values()) {
            LinkConfig before = running.get(link.getName());
            if (before != null && !render(before).equals(render(link))) {
                return Optional.of("links: link " + link.getName() + " cannot change at run time (remove it in one"
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
        client.replaceLinks(List.copyOf(wanted.values()), auto);
        running = wanted;
        return "links:" + (added.isEmpty() ? "" : " added " + String.join(", ", added))
                + (added.isEmpty() || removed.isEmpty() ? "" : ";")
                + (removed.isEmpty() ? "" : " removed " + String.join(", ", removed));
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
