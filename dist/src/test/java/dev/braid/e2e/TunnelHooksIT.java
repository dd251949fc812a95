package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's on-up sees its TUN with the address the facts name; on-down runs at stop. */
class TunnelHooksIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(90)
    void onUpFindsTheTunAndOnDownRunsAtStop() throws Exception {
        World world = worlds.world();
        Path up = world.dir().resolve("up.txt");
        Path down = world.dir().resolve("down.txt");
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.startProxy(true, "");
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305",
                String.join("\n",
                        "  on-up: 'ip -o -4 addr show dev \"$BRAID_TUN\" > " + up + "; echo \"facts $BRAID_ADDRESS $BRAID_MTU\" >> " + up + "'",
                        "  on-down: 'echo \"down $BRAID_TUN\" > " + down + "'"),
                "links:\n  - name: eth0");
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        World.await("on-up ran", Duration.ofSeconds(10), () -> world.log("up.txt").contains("facts "));
        String seen = Files.readString(up);
        String address = seen.lines().filter(l -> l.startsWith("facts ")).findFirst().orElseThrow().split(" ")[1];
        assertTrue(seen.contains("braidc0") && seen.contains("inet " + address), seen + "\n" + client.log());
        assertTrue(seen.contains("facts " + address + " 1400"), seen);
        net.pingServer(0);

        client.terminate();
        assertEquals("down braidc0\n", Files.readString(down), client.log());
    }
}
