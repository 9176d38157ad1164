package dev.lumen.runtime.mcp.schema;

/**
 * A named argument of a tool, or a property of a record-like object: its name, the schema's description ("" when
 * none), whether the schema lists it in {@code required}, and its type ({@code T | Null} when it is optional).
 */
public record McpField(String name, String description, boolean required, McpType type) {
}
