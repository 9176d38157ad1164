package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.util.OptionalLong;

/** Reading a provider's JSON reply, with failures that say which endpoint sent what. */
final class ReplyJson {
    private ReplyJson() {
    }

    /** The reply body as JSON. */
    static JsonNode parse(URI from, String body) {
        try {
            return CanonicalJson.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("the reply from " + from + " is " + e.getMessage());
        }
    }

    /** A reply that is JSON but not the shape the API documents, e.g. {@code … is not a chat completion: …}. */
    static ToolFailure unexpected(URI from, String shape, String problem) {
        return new ToolFailure("the reply from " + from + " is not " + shape + ": " + problem);
    }

    /**
     * The member's string value, or null when it is absent, null or not a string. (A lone surrogate, which a
     * JSON escape can spell, has been read as U+FFFD: JsonReading.)
     */
    static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** A token count: a non-negative integer member; empty when absent or of another kind. */
    static OptionalLong count(JsonNode usage, String member) {
        JsonNode v = usage.get(member);
        return v != null && v.canConvertToLong() && v.isIntegralNumber() && v.longValue() >= 0
                ? OptionalLong.of(v.longValue()) : OptionalLong.empty();
    }
}
