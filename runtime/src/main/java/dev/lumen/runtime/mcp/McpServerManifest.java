package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A server's identity and tools, as a lock file pins them (mcp-bridge-v1.md §7). Its JSON form lists the tools
 * sorted by name, so the order a server happens to list them in changes neither the canonical text nor the
 * hash; the server reordering or rewording a schema does change them.
 */
public record McpServerManifest(McpServerIdentity identity, List<McpTool> tools) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public McpServerManifest {
        List<McpTool> sorted = new ArrayList<>(tools);
        sorted.sort(Comparator.comparing(McpTool::name));
        tools = List.copyOf(sorted);
    }

    /** The manifest as a JSON object (see the spec for the members). */
    public ObjectNode toJson() {
        ObjectNode json = NODES.objectNode();
        json.put("name", identity.name());
        json.put("version", identity.version());
        json.put("protocolVersion", identity.protocolVersion());
        ArrayNode list = json.putArray("tools");
        for (McpTool tool : tools) {
            ObjectNode entry = list.addObject();
            entry.put("name", tool.name());
            entry.put("title", tool.title());
            entry.put("description", tool.description());
            entry.set("inputSchema", tool.inputSchema());
            if (tool.outputSchema() != null) {
                entry.set("outputSchema", tool.outputSchema());
            }
            if (!tool.annotations().isEmpty()) {
                entry.set("annotations", tool.annotations().toJson());
            }
        }
        return json;
    }

    /** The RFC 8785 canonical text of {@link #toJson()}. */
    public String canonicalJson() {
        return CanonicalJson.write(toJson());
    }

    /** The SHA-256 of the canonical text, {@code "sha256:…"}. */
    public String hash() {
        return CanonicalJson.sha256(canonicalJson());
    }

    /**
     * Reads a manifest back from its JSON form, e.g. out of a lock file.
     *
     * @throws McpException when a member is missing or has the wrong type
     */
    public static McpServerManifest fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new McpException("MCP server manifest: expected a JSON object");
        }
        McpServerIdentity identity = new McpServerIdentity(
                text(json, "name", "MCP server manifest"),
                text(json, "version", "MCP server manifest"),
                text(json, "protocolVersion", "MCP server manifest"));
        JsonNode list = json.get("tools");
        if (list == null || !list.isArray()) {
            throw new McpException("MCP server manifest: `tools` must be an array");
        }
        List<McpTool> tools = new ArrayList<>();
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw new McpException("MCP server manifest: every entry of `tools` must be an object");
            }
            String name = text(entry, "name", "MCP server manifest tool");
            String where = "MCP server manifest tool `" + name + "`";
            JsonNode input = entry.get("inputSchema");
            if (input == null || !input.isObject()) {
                throw new McpException(where + ": `inputSchema` must be an object");
            }
            JsonNode output = entry.get("outputSchema");
            if (output != null && !output.isObject()) {
                throw new McpException(where + ": `outputSchema` must be an object");
            }
            JsonNode hints = entry.get("annotations");
            McpToolAnnotations annotations = hints == null ? McpToolAnnotations.NONE
                    : McpToolAnnotations.fromJson(hints, where);
            tools.add(new McpTool(name, text(entry, "title", where), text(entry, "description", where), input, output,
                    annotations));
        }
        return new McpServerManifest(identity, tools);
    }

    private static String text(JsonNode json, String member, String where) {
        JsonNode value = json.get(member);
        if (value == null || !value.isTextual()) {
            throw new McpException(where + ": `" + member + "` must be a string");
        }
        return value.textValue();
    }
}
