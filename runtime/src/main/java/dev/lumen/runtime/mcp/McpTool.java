package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool as {@code tools/list} describes it. {@code title} and {@code description} are "" when absent;
 * {@code inputSchema} is the server's JSON Schema object; {@code outputSchema} is null when the server declares
 * none; {@code annotations} holds the behaviour hints it gives ({@link McpToolAnnotations#NONE} when none).
 */
public record McpTool(String name, String title, String description, JsonNode inputSchema, JsonNode outputSchema,
        McpToolAnnotations annotations) {

    public McpTool {
        annotations = annotations == null ? McpToolAnnotations.NONE : annotations;
    }

    /** A tool whose server gives no behaviour hints. */
    public McpTool(String name, String title, String description, JsonNode inputSchema, JsonNode outputSchema) {
        this(name, title, description, inputSchema, outputSchema, McpToolAnnotations.NONE);
    }
}
