package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Servers that break the protocol fail clearly and quickly, and leave no process behind. */
@Timeout(20)
class MisbehavingServerTest {
    private static final Duration SHORT = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private String address(String mode) {
        try {
            Path script = Path.of(getClass().getResource("misbehaving_server.py").toURI());
            return "stdio:python3 " + McpPeers.quote(script.toString()) + " " + mode;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private McpSettings settings() {
        return McpSettings.of(dir).withTimeouts(SHORT, SHORT);
    }

    private McpException connectFails(String mode) {
        McpException error = assertThrows(McpException.class, () -> McpConnector.connect(address(mode), settings()));
        assertEquals(0, McpPeers.runningPeers(), "the server process outlived the failed connection");
        return error;
    }

    private static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "expected «" + expected + "» in: " + message);
    }

    @Test
    void garbageOnStdoutIsNamed() {
        McpException error = connectFails("garbage");
        assertContains("wrote a line that is not a JSON-RPC message: `Starting misbehaving server v0.0.1...`",
                error.getMessage());
    }

    @Test
    void anExitAtStartQuotesStderr() {
        McpException error = connectFails("exit");
        assertContains("exited with status 3", error.getMessage());
        assertContains("stderr: misbehaving: cannot open its configuration", error.getMessage());
    }

    @Test
    void aSilentServerTimesOutTheHandshake() {
        long start = System.nanoTime();
        McpException error = connectFails("silent");
        assertContains("did not answer the handshake within 1500 ms", error.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the failure took too long");
    }

    @Test
    void aServerThatStopsAnsweringTimesOutAndIsStillStopped() {
        McpServer server = McpConnector.connect(address("hang"), settings());
        try {
            McpException list = assertThrows(McpException.class, server::tools);
            assertContains("did not answer tools/list within 1500 ms", list.getMessage());
            McpException call = assertThrows(McpException.class,
                    () -> server.call("anything", CanonicalJson.parse("{}"), Duration.ofMillis(300)));
            assertContains("did not answer tools/call of `anything` within 300 ms", call.getMessage());
        } finally {
            server.close();
        }
        assertEquals(0, McpPeers.runningPeers(), "close() left the hanging server running");
    }

    @Test
    void anUnknownProtocolRevisionIsRefused() {
        McpException error = connectFails("wrong-version");
        assertContains("answered with protocol revision `2099-01-01`, which Lumen does not speak: it asked for "
                + "2025-11-25 and speaks 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05", error.getMessage());
    }

    @Test
    void revision20250618IsAccepted() {
        try (McpServer server = McpConnector.connect(address("old-version"), settings())) {
            assertEquals("2025-06-18", server.identity().protocolVersion());
            assertEquals(new McpServerIdentity("misbehaving", "0.0.1", "2025-06-18"), server.identity());
            assertEquals("explode", server.tools().getFirst().name());
            McpToolError error = assertThrows(McpToolError.class,
                    () -> server.call("explode", CanonicalJson.parse("{}"), SHORT));
            assertEquals("it exploded (JSON-RPC error -32000)", error.getMessage());
        }
    }

    @Test
    void aServerWithoutToolsHasNoneAndIsNotAskedForThem() throws IOException {
        Path log = dir.resolve("received.log");
        try (McpServer server = McpConnector.connect(address("no-tools") + " " + McpPeers.quote(log.toString()),
                settings())) {
            assertEquals(List.of(), server.tools());
            assertEquals(List.of(), server.manifest().tools());
            McpToolError call = assertThrows(McpToolError.class,
                    () -> server.call("anything", CanonicalJson.parse("{}"), SHORT));
            assertEquals("the server offers no tools (it declares no tools capability)", call.getMessage());
        }
        assertEquals(List.of("initialize", "notifications/initialized"), Files.readAllLines(log));
    }

    @Test
    void requestsFromTheServerAreRefusedAtOnceAndNoCapabilityIsDeclared() {
        try (McpServer server = McpConnector.connect(address("asks-client"), settings())) {
            JsonNode result = server.call("ask", CanonicalJson.parse("{}"), SHORT);
            assertEquals("capabilities {}; elicitation/create: -32601, sampling/createMessage: -32601, "
                    + "roots/list: -32601", result.get("text").textValue());
        }
    }

    @Test
    void aCallCarriesAProgressTokenAndItsProgressIsToldAndACallGivenUpOnIsCancelled() throws Exception {
        Path log = dir.resolve("received.log");
        List<String> told = new CopyOnWriteArrayList<>();
        try (McpServer server = McpConnector.connect(address("slow") + " " + McpPeers.quote(log.toString()),
                settings())) {
            McpException error = assertThrows(McpException.class, () -> server.call("slow", CanonicalJson.parse("{}"),
                    Duration.ofMillis(800), (done, total, message) -> told.add(done + "/" + total + " " + message)));
            assertContains("did not answer tools/call of `slow` within 800 ms", error.getMessage());
            assertEquals(List.of("1.0/2.0 started", "2.0/2.0 almost"), told, "only this call's progress is told");
        }
        List<String> lines = Files.readAllLines(log);
        JsonNode call = CanonicalJson.parse(lines.stream().filter(l -> l.startsWith("tools/call ")).findFirst()
                .orElseThrow().substring("tools/call ".length()));
        assertTrue(call.get("progressToken").isTextual(), call.toString());
        JsonNode cancelled = CanonicalJson.parse(lines.stream().filter(l -> l.startsWith("notifications/cancelled "))
                .findFirst().orElseThrow(() -> new AssertionError("no cancellation in " + lines))
                .substring("notifications/cancelled ".length()));
        assertEquals(call.get("id"), cancelled.get("requestId"), "the cancellation names the call's request id");
        assertEquals("the client stopped waiting for an answer after 800 ms", cancelled.get("reason").textValue());
    }

    @Test
    void aCallWhoseThreadIsInterruptedIsCancelled() throws Exception {
        Path log = dir.resolve("received.log");
        try (McpServer server = McpConnector.connect(address("slow") + " " + McpPeers.quote(log.toString()),
                settings())) {
            Thread caller = Thread.currentThread();
            Thread interrupter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            McpException error = assertThrows(McpException.class,
                    () -> server.call("slow", CanonicalJson.parse("{}"), Duration.ofSeconds(10)));
            interrupter.join();
            assertTrue(Thread.interrupted(), "the caller stays interrupted");
            assertContains("tools/call of `slow` was cancelled", error.getMessage());
        }
        String cancelled = Files.readAllLines(log).stream().filter(l -> l.startsWith("notifications/cancelled "))
                .findFirst().orElseThrow();
        assertContains("\"reason\": \"the Lumen run that made the call was cancelled\"", cancelled);
    }

    @Test
    void aMissingCommandIsNamed() {
        McpException error = assertThrows(McpException.class,
                () -> McpConnector.connect("stdio:no-such-mcp-server --flag", settings()));
        assertEquals("MCP server \"stdio:no-such-mcp-server --flag\" cannot start: the command "
                + "`no-such-mcp-server` is not on PATH", error.getMessage());
    }

    @Test
    void argumentsMustBeAnObject() {
        try (McpServer server = McpConnector.connect(address("old-version"), settings())) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> server.call("explode", CanonicalJson.parse("[1]"), SHORT));
            assertEquals("the arguments of MCP tool `explode` must be a JSON object", error.getMessage());
        }
    }
}
