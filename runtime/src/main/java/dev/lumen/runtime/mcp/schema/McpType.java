package dev.lumen.runtime.mcp.schema;

import java.util.List;

/**
 * The Lumen type a JSON Schema maps to (mcp-bridge-v1.md §8). {@code lumen} is Lumen type syntax: {@code String},
 * {@code Int}, {@code Float}, {@code Bool}, {@code Null}, {@code Json}, {@code list[T]}, {@code map[String, T]},
 * {@code record} for an object with declared properties, any of them followed by {@code | Null} when null is
 * allowed. {@code allowed} lists the values of a string enum (empty otherwise); {@code fields} are a record's
 * properties; {@code element} is the element type of a list or the value type of a map (null otherwise).
 */
public record McpType(String lumen, List<String> allowed, List<McpField> fields, McpType element) {
    public static final McpType JSON = simple("Json");

    public McpType {
        allowed = List.copyOf(allowed);
        fields = List.copyOf(fields);
    }

    static McpType simple(String lumen) {
        return new McpType(lumen, List.of(), List.of(), null);
    }

    /** Whether the type admits null: it is {@code Null}, {@code Json} or ends in {@code | Null}. */
    public boolean nullable() {
        return lumen.equals("Null") || lumen.equals("Json") || lumen.endsWith(" | Null");
    }

    /** This type or null, {@code T | Null}; the same type when it already admits null. */
    McpType orNull() {
        return nullable() ? this : new McpType(lumen + " | Null", allowed, fields, element);
    }
}
