package dev.braid.testbed.linkem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LinkemCommandTest {

    private static CommandLine cli(StringWriter out, StringWriter err) {
        CommandLine cli = new CommandLine(new LinkemCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void badOptionsAreReportedTogether() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli(out, err).execute("--listen", "127.0.0.1", "--target", "127.0.0.1:99999",
                "--up", "8mbit/5", "--nat-timeout", "soon");
        assertEquals(2, code);
        String message = err.toString();
        assertTrue(message.contains("--listen"), message);
        assertTrue(message.contains("--target"), message);
        assertTrue(message.contains("8mbit/5"), message);
        assertTrue(message.contains("--nat-timeout"), message);
    }

    @Test
    void runsForTheGivenDurationAndRelays() throws Exception {
        try (DatagramSocket target = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            // Find a free port for --listen by letting the OS pick one and releasing it.
            int listenPort = probe.getLocalPort();
            probe.close();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Thread sender = new Thread(() -> {
                try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                    for (int i = 0; i < 30; i++) { // bounded: 30 datagrams over about 300 ms
                        client.send(new DatagramPacket(new byte[100], 100,
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort)));
                        Thread.sleep(10);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            int code = cli(out, err).execute("--listen", "127.0.0.1:" + listenPort,
                    "--target", "127.0.0.1:" + target.getLocalPort(), "--up", "10mbit/2ms", "--duration", "800ms");
            sender.join(5000);
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("linkem listening on"), out.toString());
            assertTrue(out.toString().contains("up:   received="), out.toString());
        }
    }
}
