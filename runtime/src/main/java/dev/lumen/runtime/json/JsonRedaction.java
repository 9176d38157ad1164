package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;

/**
 * Redaction of JSON values by member name: every object member, at any depth, whose name is one of the
 * given names (exactly, case included) has its value replaced by the string {@value #MARKER}, whatever the
 * value was, unless it is null (there is nothing to hide). Lists are searched element by element; a
 * redacted value is not searched further. The input is never changed.
 *
 * <p>This is the untyped rule, for JSON that has no Lumen type to keep (trace events, Lumen {@code Json}
 * values). Lumen's {@code redact} intrinsic applies it inside {@code Json} values and keeps the value's type
 * elsewhere (lumen-v1.md §11.2).
 */
public final class JsonRedaction {
    /** What a redacted string reads. */
    public static final String MARKER = "[redacted]";

    private JsonRedaction() {
    }

    /** {@code value} with the members named in {@code names} redacted; {@code value} itself when none are. */
    public static JsonNode redact(JsonNode value, Set<String> names) {
        if (names.isEmpty()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        redactInPlace(copy, names, 0);
        return copy;
    }

    private static void redactInPlace(JsonNode node, Set<String> names, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + CanonicalJson.MAX_DEPTH + " levels");
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (names.contains(member.getKey())) {
                    if (!member.getValue().isNull()) {
                        member.setValue(TextNode.valueOf(MARKER));
                    }
                } else {
                    redactInPlace(member.getValue(), names, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode list) {
            for (JsonNode element : list) {
                redactInPlace(element, names, depth + 1);
            }
        }
    }
}
