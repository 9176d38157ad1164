package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.mcp.McpToolError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.stream.Collectors;

/** The JSON value of a {@code tools/call} result (mcp-bridge-v1.md §5). */
final class CallResults {
    private CallResults() {
    }

    /**
     * The structured content when there is one, else {@code {"content": [blocks…], "isError": false}} with the
     * content blocks in their MCP wire form.
     *
     * @throws McpToolError when the result says {@code isError: true}; the message is the server's text
     */
    static JsonNode toJson(String tool, McpSchema.CallToolResult result, ObjectMapper json) {
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        if (Boolean.TRUE.equals(result.isError())) {
            throw new McpToolError(tool, errorText(content));
        }
        if (result.structuredContent() != null) {
            return json.valueToTree(result.structuredContent());
        }
        ObjectNode value = json.createObjectNode();
        ArrayNode blocks = value.putArray("content");
        // One block at a time: serialised as its own class, each keeps its "type" member.
        content.forEach(block -> blocks.add(json.<JsonNode>valueToTree(block)));
        value.put("isError", false);
        return value;
    }

    /** The text blocks of a failed result, one per line; a fixed sentence when the server gave no text. */
    private static String errorText(List<McpSchema.Content> content) {
        String text = content.stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(block -> ((McpSchema.TextContent) block).text())
                .collect(Collectors.joining("\n"))
                .strip();
        return text.isEmpty() ? "the tool failed and gave no text saying why" : text;
    }
}
