package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.config.InetPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy's push-* keys: literals only, names resolvectl takes, bounded lists. */
class PushedConfigCheckTest {
    @Test
    void literalsAndDomainsPass() {
        assertEquals(List.of(), PushedConfigCheck.problems(List.of(InetPrefix.parse("10.201.2.0/24")),
                List.of("10.77.0.1", "fd00:77::1"), List.of("corp.example", "~lab.example", "~.")));
        assertEquals("[/10.77.0.1, /fd00:77:0:0:0:0:0:1]", PushedConfigCheck.pushed(List.of(),
                List.of("10.77.0.1", "fd00:77::1"), List.of()).dnsServers().toString());
    }

    @Test
    void namesAreRefusedNeverLookedUp() {
        assertEquals(List.of("push-dns: 'dns.example' is not an IPv4 or IPv6 address",
                        "push-domains: 'a b' is not a domain name (letters, digits, dots, hyphens; ~ in front routes it "
                                + "without searching it; ~. routes every name)"),
                PushedConfigCheck.problems(List.of(), List.of("dns.example"), List.of("a b")));
    }

    @Test
    void listsAreBounded() {
        List<String> nine = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7",
                "10.0.0.8", "10.0.0.9");
        assertEquals(List.of("push-dns holds 9 servers, at most 8"), PushedConfigCheck.problems(List.of(), nine, List.of()));
    }
}
