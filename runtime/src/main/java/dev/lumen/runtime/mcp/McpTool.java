package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool as {@code tools/list} describes it. {@code title} and {@code description} are "" when absent;
 * {@code inputSchema} is the server's JSON Schema object; {@code outputSchema} is null when the server declares
 * none.
 */
public record McpTool(String name, String title, String description, JsonNode inputSchema, JsonNode outputSchema) {
}
