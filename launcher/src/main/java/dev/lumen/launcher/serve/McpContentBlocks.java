package dev.lumen.launcher.serve;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An McpContent value as the content blocks of a tool result (mcp-serve.md §3.3): the inverse of how the client
 * reads a tool without an output schema (mcp-bridge-v1.md §5), block for block.
 */
final class McpContentBlocks {
    private McpContentBlocks() {
    }

    /** The blocks of {@code content}, the JSON form of an McpContent value; one that is not a block it knows fails. */
    static List<McpSchema.Content> of(Map<?, ?> content) {
        List<McpSchema.Content> blocks = new ArrayList<>();
        if (content.get("content") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                blocks.add(block((Map<?, ?>) list.get(i), i));
            }
        }
        return blocks;
    }

    private static McpSchema.Content block(Map<?, ?> block, int index) {
        String type = text(block, "type");
        String data = text(block, "data");
        String mimeType = text(block, "mimeType");
        String uri = text(block, "uri");
        return switch (type) {
            case "text" -> new McpSchema.TextContent(required(block, "text", index));
            case "image" -> McpSchema.ImageContent.builder(required(block, "data", index),
                    required(block, "mimeType", index)).build();
            case "audio" -> McpSchema.AudioContent.builder(required(block, "data", index),
                    required(block, "mimeType", index)).build();
            case "resource_link" -> McpSchema.ResourceLink.builder().uri(required(block, "uri", index))
                    .name(required(block, "name", index)).mimeType(mimeType).build();
            case "resource" -> {
                required(block, "uri", index);
                McpSchema.ResourceContents resource = data != null
                        ? McpSchema.BlobResourceContents.builder(uri, data).mimeType(mimeType).build()
                        : McpSchema.TextResourceContents.builder(uri, required(block, "text", index))
                                .mimeType(mimeType).build();
                yield McpSchema.EmbeddedResource.builder(resource).build();
            }
            default -> throw new IllegalArgumentException("content[" + index + "] has type \"" + type
                    + "\"; a block is text, image, audio, resource_link or resource");
        };
    }

    private static String required(Map<?, ?> block, String member, int index) {
        String value = text(block, member);
        if (value == null) {
            throw new IllegalArgumentException("content[" + index + "] (a " + text(block, "type") + " block) has no `"
                    + member + "`");
        }
        return value;
    }

    private static String text(Map<?, ?> block, String member) {
        return block.get(member) instanceof String s ? s : null;
    }
}
