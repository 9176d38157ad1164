package dev.lumen.runtime.mcp.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.mcp.McpTool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Lumen can type of an MCP tool (mcp-bridge-v1.md §8): its arguments, from the {@code inputSchema}'s
 * properties, and the type of its result when it declares an {@code outputSchema} ({@code output} is null when
 * it does not: its result is then the built-in record McpContent). A pure function of the schemas;
 * whatever a schema says that Lumen types cannot express becomes {@code Json}, never an error.
 */
public record McpToolSchema(String tool, List<McpField> arguments, McpType output) {

    public McpToolSchema {
        arguments = List.copyOf(arguments);
    }

    /** The mapping of {@code tool}'s schemas. */
    public static McpToolSchema of(McpTool tool) {
        McpType input = type(tool.inputSchema());
        return new McpToolSchema(tool.name(), input.fields(),
                tool.outputSchema() == null ? null : type(tool.outputSchema()));
    }

    /** The Lumen type of a JSON Schema. */
    public static McpType type(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return McpType.JSON; // `true`, `false` or not a schema at all
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            return union(schema, type);
        }
        if (type != null && type.isTextual()) {
            return ofType(schema, type.textValue());
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives != null && alternatives.isArray()) {
            return nullableAlternative(alternatives);
        }
        if (schema.has("enum")) {
            return stringEnum(schema.get("enum"));
        }
        if (schema.has("const")) {
            return stringEnum(schema.get("const").isTextual() ? List.of(schema.get("const")) : List.of());
        }
        return McpType.JSON;
    }

    private static McpType ofType(JsonNode schema, String type) {
        return switch (type) {
            case "string" -> schema.has("enum") ? stringEnum(schema.get("enum"))
                    : schema.has("const") ? stringEnum(List.of(schema.get("const")))
                    : McpType.simple("String");
            case "integer" -> McpType.simple("Int");
            case "number" -> McpType.simple("Float");
            case "boolean" -> McpType.simple("Bool");
            case "null" -> McpType.simple("Null");
            case "array" -> list(schema.get("items"));
            case "object" -> object(schema);
            default -> McpType.JSON;
        };
    }

    /** {@code "type": ["string", "null"]} and the like: one type, or it or null; more than one is Json. */
    private static McpType union(JsonNode schema, JsonNode types) {
        List<String> named = new ArrayList<>();
        boolean withNull = false;
        for (JsonNode type : types) {
            if (!type.isTextual()) {
                return McpType.JSON;
            }
            if (type.textValue().equals("null")) {
                withNull = true;
            } else {
                named.add(type.textValue());
            }
        }
        if (named.size() != 1) {
            return named.isEmpty() && withNull ? McpType.simple("Null") : McpType.JSON;
        }
        McpType one = ofType(schema, named.getFirst());
        return withNull ? one.orNull() : one;
    }

    /** {@code anyOf}/{@code oneOf} of one schema and {@code {"type": "null"}}: that type or null; else Json. */
    private static McpType nullableAlternative(JsonNode alternatives) {
        List<JsonNode> others = new ArrayList<>();
        boolean withNull = false;
        for (JsonNode alternative : alternatives) {
            JsonNode type = alternative.get("type");
            if (type != null && type.isTextual() && type.textValue().equals("null")) {
                withNull = true;
            } else {
                others.add(alternative);
            }
        }
        if (others.size() != 1) {
            return McpType.JSON;
        }
        McpType one = type(others.getFirst());
        return withNull ? one.orNull() : one;
    }

    /** A string enum lists its values; an enum with any other value is Json. */
    private static McpType stringEnum(Iterable<JsonNode> values) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                return McpType.JSON;
            }
            allowed.add(value.textValue());
        }
        return allowed.isEmpty() ? McpType.JSON : new McpType("String", allowed, List.of(), null);
    }

    private static McpType list(JsonNode items) {
        McpType element = items == null || items.isArray() ? McpType.JSON : type(items);
        return new McpType("list[" + element.lumen() + "]", List.of(), List.of(), element);
    }

    /** An object with properties is a record; one with only {@code additionalProperties} a map. */
    private static McpType object(JsonNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject() && (!properties.isEmpty() || !schema.has("additionalProperties"))) {
            return new McpType("record", List.of(), fields(properties, required(schema)), null);
        }
        JsonNode additional = schema.get("additionalProperties");
        McpType value = additional != null && additional.isObject() ? type(additional) : McpType.JSON;
        return new McpType("map[String, " + value.lumen() + "]", List.of(), List.of(), value);
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new HashSet<>();
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            required.forEach(name -> names.add(name.asText()));
        }
        return names;
    }

    private static List<McpField> fields(JsonNode properties, Set<String> required) {
        List<McpField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            boolean isRequired = required.contains(property.getKey());
            McpType type = type(property.getValue());
            JsonNode description = property.getValue().get("description");
            fields.add(new McpField(property.getKey(), description != null && description.isTextual()
                    ? description.textValue() : "", isRequired, isRequired ? type : type.orNull()));
        }
        return fields;
    }
}
