package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Version negotiation (mcp-bridge-v1.md §4.1): the client accepts every revision the SDK speaks that a server
 * answers with, and behaves as that revision says — output schemas and structured results, and the
 * {@code MCP-Protocol-Version} header, only from 2025-06-18.
 */
@Timeout(20)
class RevisionsTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

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

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26"})
    void aRevisionBefore20250618IsSpokenWithoutStructuredResults(String revision) {
        try (McpServer server = McpConnector.connect(address("revision:" + revision), settings())) {
            assertEquals(revision, server.identity().protocolVersion());
            McpTool measure = server.tools().getFirst();
            assertNull(measure.outputSchema(), "an output schema is not part of revision " + revision);
            assertEquals("{\"content\":[{\"text\":\"seven\",\"type\":\"text\"}],\"text\":\"seven\"}",
                    CanonicalJson.write(server.call("measure", CanonicalJson.parse("{}"), SHORT)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-18", "2025-11-25"})
    void aRevisionFrom20250618HasStructuredResults(String revision) {
        try (McpServer server = McpConnector.connect(address("revision:" + revision), settings())) {
            assertEquals(revision, server.identity().protocolVersion());
            assertNotNull(server.tools().getFirst().outputSchema());
            assertEquals("{\"n\":7}", CanonicalJson.write(server.call("measure", CanonicalJson.parse("{}"), SHORT)));
        }
    }

    @Test
    void noVersionHeaderIsSentToA20250326Server() throws IOException {
        try (RevisionHttpServer http = new RevisionHttpServer("2025-03-26")) {
            try (McpServer server = McpConnector.connect(http.address(), settings())) {
                assertEquals("2025-03-26", server.identity().protocolVersion());
                assertEquals(List.of(), server.tools());
            }
            assertEquals(List.of(), http.seen().stream().filter(seen -> !seen.endsWith(" -")).toList(), http.seen().toString());
        }
    }

    @Test
    void theAgreedRevisionIsSentInTheHeaderFrom20250618() throws IOException {
        try (RevisionHttpServer http = new RevisionHttpServer("2025-06-18")) {
            try (McpServer server = McpConnector.connect(http.address(), settings())) {
                server.tools();
            }
            List<String> seen = http.seen();
            assertEquals("initialize -", seen.getFirst(), "the revision is not agreed before initialize is answered");
            // The SDK opens its GET stream as the answer to initialize arrives, before anyone has read the revision.
            assertEquals(List.of("notifications/initialized 2025-06-18", "tools/list 2025-06-18", "DELETE 2025-06-18"),
                    seen.stream().skip(1).filter(s -> !s.startsWith("GET ")).toList(), seen.toString());
            assertEquals(List.of(), seen.stream().filter(s -> s.contains("2025-11-25")).toList(), seen.toString());
        }
    }
}
