package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real MCP reference servers from npm, over stdio. */
@Timeout(30)
class StdioPeersTest {
    private static final Duration CALL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private McpServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        assertEquals(0, McpPeers.runningPeers(), "a server process outlived close()");
    }

    private McpServer connect(String address) {
        server = McpConnector.connect(address, McpPeers.settings(dir));
        return server;
    }

    private static List<String> names(List<McpTool> tools) {
        return tools.stream().map(McpTool::name).toList();
    }

    @Test
    void everythingReportsItsIdentityAndTools() {
        McpServer everything = connect(McpPeers.stdio("everything"));
        assertEquals("mcp-servers/everything", everything.identity().name());
        assertEquals("2025-11-25", everything.identity().protocolVersion());
        List<McpTool> tools = everything.tools();
        assertTrue(names(tools).containsAll(List.of("echo", "get-sum", "get-structured-content")), names(tools).toString());
        McpTool echo = tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertEquals("[\"message\"]", echo.inputSchema().get("required").toString());
        assertEquals(null, echo.outputSchema());
    }

    @Test
    void everythingEchoes() {
        JsonNode result = connect(McpPeers.stdio("everything"))
                .call("echo", CanonicalJson.parse("{\"message\": \"héllo, wörld\"}"), CALL);
        assertEquals("text", result.get("content").get(0).get("type").asText());
        assertEquals("Echo: héllo, wörld", McpPeers.firstText(result));
        assertEquals("Echo: héllo, wörld", result.get("text").asText(), "the text blocks' text");
        assertEquals(List.of("text", "content"), names(result));
    }

    @Test
    void everythingsLongOperationReportsItsProgressToTheCall() {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        JsonNode result = connect(McpPeers.stdio("everything")).call("trigger-long-running-operation",
                CanonicalJson.parse("{\"duration\": 1, \"steps\": 4}"), CALL,
                (done, total, message) -> told.add((long) done + "/" + total.longValue()));
        // the server sends progress only for a request that carries a progress token
        assertEquals(List.of("1/4", "2/4", "3/4", "4/4"), told);
        assertTrue(McpPeers.firstText(result).startsWith("Long running operation completed."), result.toString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anImageBlockKeepsItsDataAndMimeType() {
        JsonNode result = connect(McpPeers.stdio("everything")).call("get-tiny-image", CanonicalJson.parse("{}"), CALL);
        JsonNode image = null;
        for (JsonNode block : result.get("content")) {
            if (block.get("type").asText().equals("image")) {
                image = block;
            }
        }
        assertTrue(image != null, result.toString());
        assertEquals("image/png", image.get("mimeType").asText());
        assertTrue(java.util.Base64.getDecoder().decode(image.get("data").asText()).length > 8, "the PNG's bytes");
        assertEquals(List.of("type", "data", "mimeType"), names(image), "annotations and _meta are left out");
    }

    @Test
    void resourceBlocksKeepTheirUriNameAndText() {
        McpServer everything = connect(McpPeers.stdio("everything"));
        JsonNode links = everything.call("get-resource-links", CanonicalJson.parse("{\"count\": 2}"), CALL);
        List<JsonNode> linkBlocks = new java.util.ArrayList<>();
        links.get("content").forEach(b -> {
            if (b.get("type").asText().equals("resource_link")) {
                linkBlocks.add(b);
            }
        });
        assertEquals(2, linkBlocks.size(), links.toString());
        assertTrue(linkBlocks.getFirst().get("uri").asText().contains("://"), links.toString());
        assertTrue(linkBlocks.getFirst().hasNonNull("name"), links.toString());

        JsonNode reference = everything.call("get-resource-reference",
                CanonicalJson.parse("{\"resourceType\": \"Text\", \"resourceId\": 1}"), CALL);
        JsonNode embedded = null;
        for (JsonNode block : reference.get("content")) {
            if (block.get("type").asText().equals("resource")) {
                embedded = block;
            }
        }
        assertTrue(embedded != null, reference.toString());
        assertTrue(embedded.get("uri").asText().contains("1"), reference.toString());
        assertTrue(embedded.hasNonNull("text"), "a text resource's text: " + reference);
    }

    @Test
    void everythingAdds() {
        JsonNode result = connect(McpPeers.stdio("everything"))
                .call("get-sum", CanonicalJson.parse("{\"a\": 2, \"b\": 3.5}"), CALL);
        assertTrue(McpPeers.firstText(result).contains("5.5"), result.toString());
    }

    @Test
    void structuredContentIsTheResult() {
        JsonNode result = connect(McpPeers.stdio("everything"))
                .call("get-structured-content", CanonicalJson.parse("{\"location\": \"Chicago\"}"), CALL);
        assertTrue(result.get("temperature").isNumber(), result.toString());
        assertTrue(result.get("conditions").isTextual(), result.toString());
        assertFalse(result.has("content"), result.toString());
        assertFalse(result.has("text"), result.toString());
    }

    @Test
    void anUnknownToolIsAToolError() {
        McpToolError error = assertThrows(McpToolError.class, () -> connect(McpPeers.stdio("everything"))
                .call("no-such-tool", CanonicalJson.parse("{}"), CALL));
        assertEquals("no-such-tool", error.tool());
        assertTrue(error.getMessage().contains("no-such-tool"), error.getMessage());
    }

    @Test
    void filesystemReadsAFileInsideItsDirectory() throws IOException {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Files.writeString(allowed.resolve("note.txt"), "first line\nsecond line\n");
        JsonNode result = connect(McpPeers.stdio("filesystem", allowed.toString()))
                .call("read_text_file", CanonicalJson.parse("{\"path\": " + CanonicalJson.quote(
                        allowed.resolve("note.txt").toString()) + "}"), CALL);
        assertEquals("first line\nsecond line\n", result.get("content").asText(), result.toString());
    }

    @Test
    void aResultPastJacksonsStringLimitIsRead() throws IOException {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        String text = "x".repeat(20_000_001); // Jackson's default limit is 20,000,000 characters
        Files.writeString(allowed.resolve("big.txt"), text);
        JsonNode result = connect(McpPeers.stdio("filesystem", allowed.toString()))
                .call("read_text_file", CanonicalJson.parse("{\"path\": " + CanonicalJson.quote(
                        allowed.resolve("big.txt").toString()) + "}"), CALL);
        assertEquals(text.length(), result.get("content").asText().length());
    }

    @Test
    void filesystemRefusesAFileOutsideItsDirectory() throws IOException {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not for the server");
        McpServer filesystem = connect(McpPeers.stdio("filesystem", allowed.toString()));
        McpToolError error = assertThrows(McpToolError.class, () -> filesystem.call("read_text_file",
                CanonicalJson.parse("{\"path\": " + CanonicalJson.quote(outside.toString()) + "}"), CALL));
        assertTrue(error.getMessage().contains("Access denied"), error.getMessage());
        assertFalse(error.getMessage().contains("not for the server"), error.getMessage());
    }

    @Test
    void memoryKeepsWhatItIsGiven() throws IOException {
        Path memoryFile = dir.resolve("memory.jsonl");
        McpServer memory = connect("MEMORY_FILE_PATH=" + McpPeers.quote(memoryFile.toString()) + " "
                + McpPeers.stdio("memory").substring("stdio:".length()));
        memory.call("create_entities", CanonicalJson.parse("""
                {"entities": [
                  {"name": "Ada", "entityType": "person", "observations": ["wrote the first program"]},
                  {"name": "Analytical Engine", "entityType": "machine", "observations": []}
                ]}"""), CALL);
        JsonNode graph = memory.call("read_graph", CanonicalJson.parse("{}"), CALL);
        JsonNode entities = graph.get("entities");
        assertEquals(2, entities.size(), graph.toString());
        assertEquals("Ada", entities.get(0).get("name").asText());
        assertEquals("wrote the first program", entities.get(0).get("observations").get(0).asText());
        assertTrue(Files.readString(memoryFile).contains("Analytical Engine"), "the server wrote no memory file");
    }

    @Test
    void theManifestIsCanonicalAndStable() {
        McpServer everything = connect(McpPeers.stdio("everything"));
        McpServerManifest manifest = everything.manifest();
        assertEquals(manifest.hash(), everything.manifest().hash());
        assertEquals(manifest.canonicalJson(), CanonicalJson.write(McpServerManifest.fromJson(
                CanonicalJson.parse(manifest.canonicalJson())).toJson()));
        assertEquals("mcp-servers/everything", manifest.toJson().get("name").asText());
    }
}
