package dev.lumen.runtime.tools.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What the providers check of a structured-output request before they answer it, as their documentation states
 * it: OpenAI's strict json_schema rules (Structured Outputs, "Supported schemas") and Anthropic's tool rules
 * (Tool use, "Specifying client tools"; tool_choice).
 */
final class ProviderSchemaRules {
    /** The keywords OpenAI's strict mode supports; any other makes it refuse the request with 400. */
    private static final Set<String> OPENAI_SUPPORTED = Set.of("type", "properties", "required",
            "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "description", "pattern",
            "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems",
            "maxItems");
    private static final String NAME = "^[a-zA-Z0-9_-]{1,64}$";

    private ProviderSchemaRules() {
    }

    /** Asserts {@code body} is a valid strict json_schema request, and returns its schema. */
    static JsonNode openAiStrict(JsonNode body) {
        JsonNode format = body.path("response_format");
        assertEquals("json_schema", format.path("type").asText(), "response_format.type");
        JsonNode jsonSchema = format.path("json_schema");
        assertTrue(jsonSchema.path("name").asText().matches(NAME), "json_schema.name " + jsonSchema.path("name"));
        assertTrue(jsonSchema.path("strict").asBoolean(false), "json_schema.strict is true");
        JsonNode schema = jsonSchema.path("schema");
        assertEquals("object", schema.path("type").asText(), "the root schema is an object, not anyOf");
        List<String> problems = new ArrayList<>();
        strict(schema, "#", problems, true);
        assertEquals(List.of(), problems, "strict-mode violations");
        return schema;
    }

    private static void strict(JsonNode schema, String at, List<String> problems, boolean root) {
        if (!schema.isObject()) {
            problems.add(at + " is not a schema object");
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!OPENAI_SUPPORTED.contains(key)) {
                problems.add(at + ": unsupported keyword `" + key + "`");
            }
            if (key.equals("$defs") && !root) {
                problems.add(at + ": $defs only at the root");
            }
        }
        if (schema.has("properties") || "object".equals(schema.path("type").asText())) {
            if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
                problems.add(at + ": additionalProperties must be false");
            }
            List<String> names = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(names::add);
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            if (!Set.copyOf(names).equals(Set.copyOf(required)) || names.size() != required.size()) {
                problems.add(at + ": every property must be required, required " + required + " properties " + names);
            }
            schema.path("properties").fields().forEachRemaining(
                    p -> strict(p.getValue(), at + "/properties/" + p.getKey(), problems, false));
        }
        if (schema.has("items")) {
            strict(schema.get("items"), at + "/items", problems, false);
        }
        if (schema.has("anyOf")) {
            for (int i = 0; i < schema.get("anyOf").size(); i++) {
                strict(schema.get("anyOf").get(i), at + "/anyOf/" + i, problems, false);
            }
        }
        schema.path("$defs").fields().forEachRemaining(
                d -> strict(d.getValue(), at + "/$defs/" + d.getKey(), problems, false));
        if (schema.has("$ref") && !schema.get("$ref").asText().startsWith("#/$defs/")) {
            problems.add(at + ": $ref outside #/$defs");
        }
        if (!schema.has("type") && !schema.has("anyOf") && !schema.has("$ref") && !schema.has("enum")
                && !schema.has("const")) {
            problems.add(at + ": a schema needs a type");
        }
    }

    /** Asserts {@code body} forces one tool with an object input_schema, and returns that schema. */
    static JsonNode anthropicForcedTool(JsonNode body) {
        JsonNode tools = body.path("tools");
        assertTrue(tools.isArray() && !tools.isEmpty(), "tools is a non-empty list");
        JsonNode choice = body.path("tool_choice");
        assertEquals("tool", choice.path("type").asText(), "tool_choice.type forces a tool");
        JsonNode forced = null;
        for (JsonNode tool : tools) {
            assertTrue(tool.path("name").asText().matches(NAME), "tool name " + tool.path("name"));
            if (tool.path("name").asText().equals(choice.path("name").asText())) {
                forced = tool;
            }
        }
        assertTrue(forced != null, "tool_choice names one of the tools");
        JsonNode input = forced.path("input_schema");
        assertEquals("object", input.path("type").asText(), "input_schema.type is object");
        assertFalse(input.has("$schema") && !input.get("$schema").asText().contains("2020-12"),
                "input_schema is JSON Schema draft 2020-12");
        return input;
    }
}
