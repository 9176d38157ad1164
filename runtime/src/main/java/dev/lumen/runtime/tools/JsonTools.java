package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.json.CanonicalJson;

/** The bundled tools {@code json.parse} and {@code json.emit} (lumen-v1.md §12.2). */
final class JsonTools {
    private JsonTools() {
    }

    /** {@code json.parse(text: String) -> Json}: strict JSON (no duplicate keys, comments or trailing text). */
    static ToolResult parse(ToolRequest request) {
        JsonNode text = request.input().get("text");
        if (text == null || !text.isTextual()) {
            throw new ToolFailure("input `text` must be a String");
        }
        try {
            return ToolResult.of(CanonicalJson.parse(text.textValue()));
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("the text is " + e.getMessage());
        }
    }

    /** {@code json.emit(value: Json) -> String}: the value's canonical JSON text (RFC 8785). */
    static ToolResult emit(ToolRequest request) {
        JsonNode value = request.input().get("value");
        if (value == null) {
            throw new ToolFailure("input `value` is missing");
        }
        return ToolResult.of(JsonNodeFactory.instance.textNode(CanonicalJson.write(value)));
    }
}
