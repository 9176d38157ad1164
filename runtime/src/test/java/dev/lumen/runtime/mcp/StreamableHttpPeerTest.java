package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against server-everything's Streamable HTTP mode on loopback. */
@Timeout(30)
class StreamableHttpPeerTest {
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Process peer;
    private int port;

    @BeforeEach
    void startPeer() throws IOException, InterruptedException {
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder("node", McpPeers.entryPoint("everything").toString(), "streamableHttp")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("peer.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        peer = builder.start();
        awaitListening();
    }

    @AfterEach
    void stopPeer() throws InterruptedException {
        peer.destroy();
        if (!peer.waitFor(5, TimeUnit.SECONDS)) {
            peer.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + LISTEN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!peer.isAlive()) {
                fail("server-everything streamableHttp exited with status " + peer.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("server-everything streamableHttp did not listen on port " + port + " within " + LISTEN_WAIT);
    }

    @Test
    void listsAndCallsToolsOverHttp() {
        try (McpServer server = McpConnector.connect("http://127.0.0.1:" + port + "/mcp", McpPeers.settings(dir))) {
            assertEquals("mcp-servers/everything", server.identity().name());
            assertEquals("2025-11-25", server.identity().protocolVersion());
            assertTrue(server.tools().stream().anyMatch(tool -> tool.name().equals("get-sum")));
            String sum = McpPeers.firstText(server.call("get-sum", CanonicalJson.parse("{\"a\": 40, \"b\": 2}"),
                    Duration.ofSeconds(10)));
            assertTrue(sum.contains("42"), sum);
        }
    }

    /** The threads of JDK HTTP clients: each client has its selector thread. */
    private static List<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("SelectorManager") && t.isAlive()).toList();
    }

    @Test
    void aClosedSessionLeavesNoHttpClientThreadBehind() throws InterruptedException {
        // a selector thread left running holds up the JVM's exit by 0.3 s (bench/README.md, parallel-calls)
        List<Thread> before = selectors();
        try (McpServer server = McpConnector.connect("http://127.0.0.1:" + port + "/mcp", McpPeers.settings(dir))) {
            server.call("echo", CanonicalJson.parse("{\"message\": \"hi\"}"), Duration.ofSeconds(10));
        }
        List<Thread> left = selectors().stream().filter(t -> !before.contains(t)).toList();
        for (Thread t : left) {
            t.join(2_000);
        }
        assertEquals(List.of(), left.stream().filter(Thread::isAlive).map(Thread::getName).toList());
    }

    @Test
    void aWrongPathFailsTheHandshakeClearly() {
        McpException error = assertThrows(McpException.class, () -> McpConnector.connect(
                "http://127.0.0.1:" + port + "/nowhere", McpPeers.settings(dir)));
        assertTrue(error.getMessage().startsWith("MCP server \"http://127.0.0.1:" + port + "/nowhere\""),
                error.getMessage());
        assertTrue(error.getMessage().contains("handshake"), error.getMessage());
    }

    @Test
    void nothingListeningFailsClearly() throws IOException {
        int closed = freePort();
        McpException error = assertThrows(McpException.class, () -> McpConnector.connect(
                "http://127.0.0.1:" + closed + "/mcp", McpPeers.settings(dir)));
        assertTrue(error.getMessage().contains("refused"), error.getMessage());
    }
}
