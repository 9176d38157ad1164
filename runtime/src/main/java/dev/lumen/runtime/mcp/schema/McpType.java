package dev.lumen.runtime.mcp.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The type as Lumen writes it, a record's fields spelt out: {@code list[{name: String, count: Int}]}. */
    public String text() {
        String nullable = lumen.endsWith(" | Null") ? " | Null" : "";
        if (lumen.startsWith("record")) {
            return "{" + String.join(", ", fields.stream().map(f -> f.name() + ": " + f.type().text()).toList()) + "}"
                    + nullable;
        }
        if (element != null) {
            return (lumen.startsWith("list[") ? "list[" : "map[String, ") + element.text() + "]" + nullable;
        }
        return lumen;
    }

    /**
     * {@code value} as this type declares it: a record keeps only the members its fields name (JSON Schema lets a
     * server send others), inside lists and maps too; whatever does not have the declared shape is left as it is,
     * for the conversion to the Lumen type to report.
     */
    public JsonNode project(JsonNode value) {
        if (lumen.startsWith("record") && value.isObject()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            for (McpField field : fields) {
                JsonNode member = value.get(field.name());
                if (member != null) {
                    kept.set(field.name(), field.type().project(member));
                }
            }
            return kept;
        }
        if (element != null && value.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> items.add(element.project(item)));
            return items;
        }
        if (element != null && value.isObject()) {
            ObjectNode entries = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> entries.set(e.getKey(), element.project(e.getValue())));
            return entries;
        }
        return value;
    }

    /** This type or null, {@code T | Null}; the same type when it already admits null. */
    McpType orNull() {
        return nullable() ? this : new McpType(lumen + " | Null", allowed, fields, element);
    }
}
