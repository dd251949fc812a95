package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JoinMessageTest {
    @Test
    void nameAndUseGoThereAndBack() {
        ByteBuf body = Unpooled.buffer();
        JoinMessage.write(body, "lte", new LinkUse(LinkPriority.BACKUP, 20_000_000));
        assertEquals(new JoinMessage.Join("lte", new LinkUse(LinkPriority.BACKUP, 20_000_000)), JoinMessage.read(body));
    }

    @Test
    void aNameAloneMeansTheDefaultUse() {
        ByteBuf body = Unpooled.copiedBuffer("wired", StandardCharsets.UTF_8);
        assertEquals(new JoinMessage.Join("wired", LinkUse.DEFAULT), JoinMessage.read(body));
    }

    @Test
    void longNamesAreCutAndOddCharactersReplaced() {
        ByteBuf body = Unpooled.buffer();
        JoinMessage.write(body, "a very long interface name of forty bytes", LinkUse.DEFAULT);
        JoinMessage.Join join = JoinMessage.read(body);
        assertEquals(JoinMessage.MAX_NAME, join.name().length());
        assertEquals("a?very?long?interface?name?of?fo", join.name());
        assertEquals(LinkUse.DEFAULT, join.use());
        assertEquals("unnamed", JoinMessage.read(Unpooled.buffer()).name());
    }

    @Test
    void aMalformedUseIsRefused() {
        assertNull(JoinMessage.read(Unpooled.wrappedBuffer(new byte[] {'a', 0, 1})), "too short");
        ByteBuf unknownPriority = Unpooled.buffer().writeByte('a').writeByte(0).writeByte(7).writeLong(0);
        assertNull(JoinMessage.read(unknownPriority));
        ByteBuf negativeRate = Unpooled.buffer().writeByte('a').writeByte(0).writeByte(0).writeLong(-1);
        assertNull(JoinMessage.read(negativeRate));
        ByteBuf trailing = Unpooled.buffer().writeByte('a').writeByte(0).writeByte(0).writeLong(0).writeByte(9);
        assertNull(JoinMessage.read(trailing));
    }
}
