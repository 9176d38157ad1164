package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema an {@code expect schema T} call asks the provider to hold its reply to (tools-llm.md §4.3), adapted
 * from the JSON Schema of T that the compiler derives (the one {@code lumen serve --mcp} advertises) to what each
 * provider's structured-output mode accepts. What a provider cannot say is left out of what it is sent; the
 * program validates every reply against T anyway, so a dropped keyword is still checked, Lumen-side.
 */
final class StructuredSchema {
    /** The tool name under which Anthropic is asked for the answer, and the OpenAI schema's name. */
    static final String NAME = "answer";

    /**
     * The keywords OpenAI's strict mode accepts, as its Structured Outputs guide lists them; any other is
     * dropped. {@code additionalProperties} is always {@code false} there.
     */
    private static final Set<String> OPENAI_KEYWORDS = Set.of("type", "properties", "required",
            "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "description",
            "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "minItems", "maxItems");
    /** Formats strict mode takes (others are dropped, and checked by the program). */
    private static final Set<String> OPENAI_FORMATS = Set.of("date-time", "time", "date", "duration", "email",
            "hostname", "ipv4", "ipv6", "uuid");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StructuredSchema() {
    }

    /**
     * The {@code response_format} of an OpenAI request asking for {@code schema} in strict mode, or empty when
     * strict mode cannot hold it: its root is not an object, or some part of it admits any JSON or a map (strict
     * mode needs every object's properties named, all required, and no others).
     */
    static Optional<ObjectNode> openAiResponseFormat(JsonNode schema) {
        if (!"object".equals(schema.path("type").asText())) {
            return Optional.empty();
        }
        Optional<ObjectNode> strict = strict(schema, true);
        if (strict.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode format = JSON.objectNode().put("type", "json_schema");
        format.putObject("json_schema").put("name", NAME).put("strict", true).set("schema", strict.get());
        return Optional.of(format);
    }

    /**
     * The {@code input_schema} of the Anthropic tool that carries the answer, or empty when the schema's root is
     * not an object (a tool's input is one). Anthropic takes JSON Schema as it is; only the dialect is left out.
     */
    static Optional<ObjectNode> anthropicInputSchema(JsonNode schema) {
        if (!"object".equals(schema.path("type").asText())) {
            return Optional.empty();
        }
        ObjectNode input = schema.deepCopy();
        input.remove("$schema");
        return Optional.of(input);
    }

    /** One schema in strict mode's form, or empty when strict mode cannot say it. */
    private static Optional<ObjectNode> strict(JsonNode schema, boolean root) {
        if (!schema.isObject() || schema.isEmpty() || schema.has("not")) {
            return Optional.empty(); // any JSON (`{}`) or Never
        }
        ObjectNode out = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    ArrayNode required = out.putArray("required");
                    for (Iterator<Map.Entry<String, JsonNode>> p = value.fields(); p.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = p.next();
                        Optional<ObjectNode> s = strict(property.getValue(), false);
                        if (s.isEmpty()) {
                            return Optional.empty();
                        }
                        properties.set(property.getKey(), s.get());
                        required.add(property.getKey()); // strict: every property required, null where optional
                    }
                }
                case "required" -> { } // rebuilt from properties
                case "additionalProperties" -> {
                    if (!value.isBoolean() || value.booleanValue()) {
                        return Optional.empty(); // a map: its keys are not named
                    }
                }
                case "items" -> {
                    Optional<ObjectNode> s = strict(value, false);
                    if (s.isEmpty()) {
                        return Optional.empty();
                    }
                    out.set("items", s.get());
                }
                case "anyOf", "oneOf" -> { // oneOf is not in strict mode; every Lumen union reads as anyOf
                    ArrayNode choices = out.putArray("anyOf");
                    for (JsonNode choice : value) {
                        Optional<ObjectNode> s = strict(choice, false);
                        if (s.isEmpty()) {
                            return Optional.empty();
                        }
                        choices.add(s.get());
                    }
                }
                case "$defs" -> {
                    if (!root) {
                        return Optional.empty();
                    }
                    ObjectNode defs = out.putObject("$defs");
                    for (Iterator<Map.Entry<String, JsonNode>> d = value.fields(); d.hasNext(); ) {
                        Map.Entry<String, JsonNode> def = d.next();
                        Optional<ObjectNode> s = strict(def.getValue(), false);
                        if (s.isEmpty()) {
                            return Optional.empty();
                        }
                        defs.set(def.getKey(), s.get());
                    }
                }
                case "format" -> {
                    if (OPENAI_FORMATS.contains(value.asText())) {
                        out.set(key, value);
                    }
                }
                default -> {
                    if (OPENAI_KEYWORDS.contains(key)) {
                        out.set(key, value);
                    }
                }
            }
        }
        if ("object".equals(out.path("type").asText())) {
            if (!out.has("properties")) {
                out.putObject("properties");
                out.putArray("required");
            }
            out.put("additionalProperties", false);
        }
        return Optional.of(out);
    }
}
