package dev.braid.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkUseTest {
    private record FakeLink(String name, boolean isUp, LinkUse use) implements LinkHandle {
        @Override
        public int id() {
            return 0;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return null;
        }

        @Override
        public LinkCounters counters() {
            return new LinkCounters();
        }
    }

    private static FakeLink link(String name, boolean up, LinkPriority priority) {
        return new FakeLink(name, up, new LinkUse(priority, 0));
    }

    @Test
    void dataGoesOverTheBestTierThatIsUp() {
        FakeLink wired = link("wired", true, LinkPriority.PRIMARY);
        FakeLink dsl = link("dsl", true, LinkPriority.SECONDARY);
        FakeLink lte = link("lte", true, LinkPriority.BACKUP);
        List<FakeLink> all = List.of(wired, dsl, lte);
        assertTrue(LinkUse.carries(wired, all));
        assertFalse(LinkUse.carries(dsl, all));
        assertFalse(LinkUse.carries(lte, all));

        FakeLink wiredDown = link("wired", false, LinkPriority.PRIMARY);
        List<FakeLink> noPrimary = List.of(wiredDown, dsl, lte);
        assertEquals(LinkPriority.SECONDARY, LinkUse.bestUpTier(noPrimary));
        assertTrue(LinkUse.carries(dsl, noPrimary));
        assertFalse(LinkUse.carries(lte, noPrimary));
        assertFalse(LinkUse.carries(wiredDown, noPrimary), "a down link never carries");

        List<FakeLink> onlyBackup = List.of(wiredDown, link("dsl", false, LinkPriority.SECONDARY), lte);
        assertTrue(LinkUse.carries(lte, onlyBackup));
        assertNull(LinkUse.bestUpTier(List.of(wiredDown)));
    }

    @Test
    void linksOfOneTierAllCarry() {
        List<FakeLink> two = List.of(link("a", true, LinkPriority.BACKUP), link("b", true, LinkPriority.BACKUP));
        assertTrue(LinkUse.carries(two.get(0), two) && LinkUse.carries(two.get(1), two));
    }

    @Test
    void describesItself() {
        assertEquals("primary", LinkUse.DEFAULT.describe());
        assertEquals("backup, at most 20mbit", new LinkUse(LinkPriority.BACKUP, 20_000_000).describe());
    }
}
