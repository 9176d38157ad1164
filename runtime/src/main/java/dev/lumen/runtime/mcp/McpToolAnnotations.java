package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The behaviour hints of a tool's {@code annotations} in {@code tools/list} (mcp-bridge-v1.md §7, §9.4): each is
 * {@code true}, {@code false} or absent (null). The MCP specification gives the absent ones their defaults:
 * {@code readOnlyHint} false, {@code destructiveHint} true, {@code idempotentHint} false and {@code openWorldHint}
 * true. The annotation's {@code title} is not a hint and is not kept.
 */
public record McpToolAnnotations(Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
        Boolean openWorldHint) {
    /** A tool whose server gave no hints. */
    public static final McpToolAnnotations NONE = new McpToolAnnotations(null, null, null, null);

    /** The hints' names, in the order the JSON forms list them. */
    public static final List<String> HINTS = List.of("readOnlyHint", "destructiveHint", "idempotentHint",
            "openWorldHint");

    /** Whether the server says the tool does not modify its environment ({@code readOnlyHint}; default false). */
    public boolean readOnly() {
        return Boolean.TRUE.equals(readOnlyHint);
    }

    /** Whether the tool may reach an open world of outside entities ({@code openWorldHint}; default true). */
    public boolean openWorld() {
        return !Boolean.FALSE.equals(openWorldHint);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The hints given, by name, in a fixed order; the absent ones are left out. */
    public Map<String, Boolean> given() {
        Boolean[] values = {readOnlyHint, destructiveHint, idempotentHint, openWorldHint};
        Map<String, Boolean> given = new LinkedHashMap<>();
        for (int i = 0; i < HINTS.size(); i++) {
            if (values[i] != null) {
                given.put(HINTS.get(i), values[i]);
            }
        }
        return given;
    }

    /** The JSON object of the hints given, as a manifest records them. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        given().forEach(json::put);
        return json;
    }

    /** The hints of a map such as {@link #given()} returns; names other than the four hints are not hints. */
    public static McpToolAnnotations of(Map<String, Boolean> given) {
        return new McpToolAnnotations(given.get(HINTS.get(0)), given.get(HINTS.get(1)), given.get(HINTS.get(2)),
                given.get(HINTS.get(3)));
    }

    /**
     * Reads the hints back from a manifest's {@code annotations} object.
     *
     * @throws McpException naming {@code where} when it is not an object of the four hints, each a boolean
     */
    public static McpToolAnnotations fromJson(JsonNode json, String where) {
        if (!json.isObject()) {
            throw new McpException(where + ": `annotations` must be an object");
        }
        Map<String, Boolean> given = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> hint : json.properties()) {
            if (!HINTS.contains(hint.getKey())) {
                throw new McpException(where + ": `annotations` has `" + hint.getKey() + "`, which is not one of "
                        + String.join(", ", HINTS));
            }
            if (!hint.getValue().isBoolean()) {
                throw new McpException(where + ": `annotations." + hint.getKey() + "` must be true or false");
            }
            given.put(hint.getKey(), hint.getValue().booleanValue());
        }
        return of(given);
    }
}
