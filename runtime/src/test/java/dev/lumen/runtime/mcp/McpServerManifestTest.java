package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpServerManifestTest {
    private static final McpServerIdentity MEMORY = new McpServerIdentity("memory-server", "0.6.3", "2025-11-25");

    private static McpTool tool(String name, String schema) {
        return new McpTool(name, "", "d", CanonicalJson.parse(schema), null);
    }

    @Test
    void theCanonicalFormSortsToolsAndMembers() {
        McpServerManifest manifest = new McpServerManifest(MEMORY, List.of(
                tool("read_graph", "{\"type\": \"object\", \"properties\": {}}"),
                tool("add", "{\"type\": \"object\"}")));
        assertEquals("{\"name\":\"memory-server\",\"protocolVersion\":\"2025-11-25\",\"tools\":["
                + "{\"description\":\"d\",\"inputSchema\":{\"type\":\"object\"},\"name\":\"add\",\"title\":\"\"},"
                + "{\"description\":\"d\",\"inputSchema\":{\"properties\":{},\"type\":\"object\"},\"name\":\"read_graph\","
                + "\"title\":\"\"}],\"version\":\"0.6.3\"}", manifest.canonicalJson());
        McpServerManifest reordered = new McpServerManifest(MEMORY, manifest.tools().reversed());
        assertEquals(manifest.hash(), reordered.hash());
        assertTrue(manifest.hash().startsWith("sha256:"));
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        McpServerManifest manifest = new McpServerManifest(MEMORY, List.of(tool("add", "{\"type\": \"object\"}")));
        McpServerManifest newer = new McpServerManifest(new McpServerIdentity("memory-server", "0.6.4", "2025-11-25"),
                manifest.tools());
        McpServerManifest reworded = new McpServerManifest(MEMORY, List.of(tool("add", "{\"type\": \"array\"}")));
        assertNotEquals(manifest.hash(), newer.hash());
        assertNotEquals(manifest.hash(), reworded.hash());
    }

    @Test
    void itReadsBackWhatItWrites() {
        McpServerManifest manifest = new McpServerManifest(MEMORY, List.of(new McpTool("get", "Get", "gets",
                CanonicalJson.parse("{\"type\": \"object\"}"), CanonicalJson.parse("{\"type\": \"object\"}"))));
        assertEquals(manifest, McpServerManifest.fromJson(CanonicalJson.parse(manifest.canonicalJson())));
    }

    @Test
    void theToolsHintsAreKeptAndHashed() {
        McpToolAnnotations readOnly = new McpToolAnnotations(true, null, null, false);
        McpTool annotated = new McpTool("read_graph", "", "d", CanonicalJson.parse("{\"type\": \"object\"}"), null,
                readOnly);
        McpServerManifest manifest = new McpServerManifest(MEMORY, List.of(annotated));
        assertTrue(manifest.canonicalJson().contains(
                "\"annotations\":{\"openWorldHint\":false,\"readOnlyHint\":true},\"description\""),
                manifest.canonicalJson());
        assertEquals(manifest, McpServerManifest.fromJson(CanonicalJson.parse(manifest.canonicalJson())));
        assertNotEquals(manifest.hash(), new McpServerManifest(MEMORY, List.of(tool("read_graph",
                "{\"type\": \"object\"}"))).hash(), "a change of the hints is a change of the manifest");
        // a tool with no hints has no annotations member, as manifests locked before hints were kept
        assertTrue(!new McpServerManifest(MEMORY, List.of(tool("add", "{}"))).canonicalJson().contains("annotations"));
        assertEquals("MCP server manifest tool `t`: `annotations.readOnlyHint` must be true or false",
                assertThrows(McpException.class, () -> McpServerManifest.fromJson(CanonicalJson.parse(
                        "{\"name\": \"n\", \"version\": \"\", \"protocolVersion\": \"p\", \"tools\": [{\"name\": \"t\","
                                + " \"title\": \"\", \"description\": \"\", \"inputSchema\": {},"
                                + " \"annotations\": {\"readOnlyHint\": \"yes\"}}]}"))).getMessage());
    }

    @Test
    void theSpecificationsDefaultsDecideWhatIsCachedByDefault() {
        assertTrue(McpCaching.cachedByDefault(new McpToolAnnotations(true, null, null, false)));
        // openWorldHint defaults to true, readOnlyHint to false
        assertTrue(!McpCaching.cachedByDefault(new McpToolAnnotations(true, null, null, null)));
        assertTrue(!McpCaching.cachedByDefault(new McpToolAnnotations(null, null, null, false)));
        assertTrue(!McpCaching.cachedByDefault(McpToolAnnotations.NONE));
    }

    @Test
    void aBrokenManifestIsNamed() {
        assertEquals("MCP server manifest: `tools` must be an array", assertThrows(McpException.class, () ->
                McpServerManifest.fromJson(CanonicalJson.parse(
                        "{\"name\": \"n\", \"version\": \"\", \"protocolVersion\": \"2025-11-25\"}"))).getMessage());
        assertEquals("MCP server manifest tool `t`: `inputSchema` must be an object", assertThrows(McpException.class,
                () -> McpServerManifest.fromJson(CanonicalJson.parse("{\"name\": \"n\", \"version\": \"\", "
                        + "\"protocolVersion\": \"p\", \"tools\": [{\"name\": \"t\"}]}"))).getMessage());
    }
}
