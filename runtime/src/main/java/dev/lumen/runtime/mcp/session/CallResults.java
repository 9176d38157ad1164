package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpToolError;
import dev.lumen.runtime.mcp.schema.McpType;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.stream.Collectors;

/** The value of a {@code tools/call} result (mcp-bridge-v1.md §5). */
final class CallResults {
    private CallResults() {
    }

    /**
     * The value of a result: for a tool that declares an output schema, its structured content holding only the
     * members the schema declares; for any other tool, {@code {"text": …, "content": [blocks…]}}, the McpContent
     * value, each block as an McpBlock.
     *
     * @param label  how messages name the server
     * @param output the type of the tool's output schema, or null when it declares none
     * @throws McpToolError when the result says {@code isError: true}; the message is the server's text
     * @throws McpException when the tool declares an output schema and the result has no structured content
     */
    static JsonNode toJson(String label, String tool, McpSchema.CallToolResult result, McpType output, ObjectMapper json) {
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        if (Boolean.TRUE.equals(result.isError())) {
            throw new McpToolError(tool, errorText(content));
        }
        if (output != null) {
            if (result.structuredContent() == null) {
                throw new McpException(label + ": tool `" + tool + "` declares an output schema, but its result has "
                        + "no structuredContent");
            }
            return output.project(json.valueToTree(result.structuredContent()));
        }
        ObjectNode value = json.createObjectNode();
        value.put("text", text(content));
        ArrayNode blocks = value.putArray("content");
        content.forEach(block -> blocks.add(block(block, json)));
        return value;
    }

    /** A content block as an McpBlock: its kind and, where the block has them, text, data, mimeType, uri, name. */
    private static ObjectNode block(McpSchema.Content content, ObjectMapper json) {
        ObjectNode block = json.createObjectNode().put("type", content.type());
        switch (content) {
            case McpSchema.TextContent text -> block.put("text", text.text());
            case McpSchema.ImageContent image -> put(put(block, "data", image.data()), "mimeType", image.mimeType());
            case McpSchema.AudioContent audio -> put(put(block, "data", audio.data()), "mimeType", audio.mimeType());
            case McpSchema.ResourceLink link -> put(put(put(block, "uri", link.uri()), "name", link.name()),
                    "mimeType", link.mimeType());
            case McpSchema.EmbeddedResource embedded -> {
                McpSchema.ResourceContents resource = embedded.resource();
                put(put(block, "uri", resource.uri()), "mimeType", resource.mimeType());
                switch (resource) {
                    case McpSchema.TextResourceContents text -> put(block, "text", text.text());
                    case McpSchema.BlobResourceContents blob -> put(block, "data", blob.blob());
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return block;
    }

    /** Sets {@code name} unless the server left it out: an absent member is null in the McpBlock. */
    private static ObjectNode put(ObjectNode block, String name, String value) {
        return value == null ? block : block.put(name, value);
    }

    /** The text of a result's text blocks, one per line. */
    private static String text(List<McpSchema.Content> content) {
        return content.stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(block -> ((McpSchema.TextContent) block).text())
                .collect(Collectors.joining("\n"));
    }

    /** The text blocks of a failed result, one per line; a fixed sentence when the server gave no text. */
    private static String errorText(List<McpSchema.Content> content) {
        String text = text(content).strip();
        return text.isEmpty() ? "the tool failed and gave no text saying why" : text;
    }
}
