package dev.lumen.runtime.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;

/** A String input of an fs tool call. */
final class TextInput {
    private TextInput() {
    }

    static String of(ToolRequest request, String field) {
        JsonNode value = request.input().get(field);
        if (value == null || !value.isTextual()) {
            throw new ToolFailure("input `" + field + "` must be a String");
        }
        return value.textValue();
    }
}
