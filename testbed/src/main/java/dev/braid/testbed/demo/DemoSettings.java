package dev.braid.testbed.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one demo run needs, validated.
 *
 * @param links             the emulated links, in order (link0, link1, ...)
 * @param durationNanos     how long the stream runs
 * @param scheduler         multilink scheduler name
 * @param rateBitsPerSecond offered CBR rate (inner packets)
 * @param packetSize        inner IPv4 packet size in bytes
 * @param out               output folder
 * @param live              redraw the view in place (else one plain line per second)
 * @param realtime          run the VoIP-like realtime stream beside the bulk one
 */
record DemoSettings(List<DemoLink> links, long durationNanos, String scheduler, long rateBitsPerSecond,
                    int packetSize, Path out, boolean live, boolean realtime) {
    DemoSettings {
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("at least one link is needed");
        }
    }

    long sumOfLinkRates() {
        return links.stream().mapToLong(DemoLink::rateBitsPerSecond).sum();
    }

    DemoLink bestLink() {
        DemoLink best = links.get(0);
        for (DemoLink link : links) {
            if (link.rateBitsPerSecond() > best.rateBitsPerSecond()) {
                best = link;
            }
        }
        return best;
    }

    /** The link a realtime packet should take: the shortest one-way delay (downstream), the first of equals. */
    DemoLink lowestDelayLink() {
        DemoLink lowest = links.get(0);
        for (DemoLink link : links) {
            if (link.link().down().delayNanos() < lowest.link().down().delayNanos()) {
                lowest = link;
            }
        }
        return lowest;
    }
}
