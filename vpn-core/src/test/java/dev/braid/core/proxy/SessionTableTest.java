package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Ipv6AddressPool;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionEvents;
import dev.braid.core.session.SessionIdentity;
import dev.braid.core.spi.Role;
import dev.braid.core.testing.PlainSessionCrypto;
import dev.braid.core.wire.DropCounters;
import dev.braid.core.wire.Ipv4;
import dev.braid.core.wire.Ipv6Address;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions found by id and by either address, and an address freed with its session. */
class SessionTableTest {
    private static final long PREFIX6 = 0xfd00_0077_0000_0000L;

    private static final SessionEvents NO_EVENTS = session -> { };

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AddressPool pool = new AddressPool(Ipv4.parse("10.77.0.0"), 24);
    private final Ipv6AddressPool pool6 = new Ipv6AddressPool(new Ipv6Address(PREFIX6, 0), 120);
    private final SessionTable table = new SessionTable(pool, new Ipv6Leases(pool6));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private Session session(int id) {
        SessionIdentity identity = new SessionIdentity(id, Role.PROXY, "alice", pool.allocate(), pool6.allocate());
        return new Session(identity, new PlainSessionCrypto(), channel.eventLoop(), () -> 0L,
                UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, new DropCounters(), NO_EVENTS);
    }

    @Test
    void aSessionIsFoundByItsIdAndBothItsAddresses() {
        Session session = session(7);
        table.add(session);
        Ipv6Address address6 = session.identity().virtualIp6();
        assertSame(session, table.byId(7));
        assertSame(session, table.byAddress(session.identity().virtualIp()));
        assertSame(session, table.byAddress6(address6.hi(), address6.lo()));
        assertNull(table.byAddress6(address6.hi() + 1, address6.lo()), "the same host bits in another prefix");
        assertNull(table.byId(8));
    }

    @Test
    void removingASessionFreesItsAddressesOnce() {
        Session session = session(7);
        table.add(session);
        table.remove(session);
        table.remove(session);
        Ipv6Address address6 = session.identity().virtualIp6();
        assertNull(table.byId(7));
        assertNull(table.byAddress(session.identity().virtualIp()));
        assertNull(table.byAddress6(address6.hi(), address6.lo()));
        assertEquals(0, pool.inUse());
        assertEquals(0, pool6.inUse());
        assertEquals(0, table.size());
    }

    @Test
    void aStaleSessionDoesNotRemoveItsSuccessor() {
        Session stale = session(7);
        table.add(stale);
        Session successor = new Session(new SessionIdentity(7, Role.PROXY, "alice", stale.identity().virtualIp(),
                stale.identity().virtualIp6()), new PlainSessionCrypto(), channel.eventLoop(), () -> 0L,
                UnpooledByteBufAllocator.DEFAULT, ByteBuf::release, new DropCounters(), NO_EVENTS);
        table.add(successor);
        table.remove(stale);
        assertSame(successor, table.byId(7));
    }
}
