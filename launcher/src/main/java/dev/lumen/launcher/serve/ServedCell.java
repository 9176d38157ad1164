package dev.lumen.launcher.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A cell as an MCP tool (mcp-serve.md §2, §3): its name, description, the JSON Schemas of its arguments and of
 * its result, and how its result becomes a tool result.
 *
 * @param output the output schema, or null when the tool declares none ({@link Shape#CONTENT}, {@link Shape#NONE})
 * @param failsWithErr whether the cell returns a {@code result[T, E]}, whose {@code err} is a tool error
 */
public record ServedCell(String name, String description, ObjectNode input, ObjectNode output, Shape shape,
        boolean failsWithErr) {

    /** How a returned value (the {@code ok} payload, for a result) becomes the tool's result. */
    public enum Shape {
        /** A record or map: the value is the structured content. */
        OBJECT,
        /** Any other type: the structured content is {@code {"result": value}}. */
        WRAPPED,
        /** McpContent: its blocks are the result's content, as the client reads a tool without output schema. */
        CONTENT,
        /** No return type: an empty result. */
        NONE
    }
}
