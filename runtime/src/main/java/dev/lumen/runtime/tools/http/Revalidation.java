package dev.lumen.runtime.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Asking the server whether a recorded {@code http.get} response still holds (tools-http.md §10): a GET with
 * the recorded response's validators, which a server answers 304 Not Modified when it does (RFC 9110 §13).
 */
public final class Revalidation {
    /** The validators a response may carry, named as the output records header names (lower case). */
    private static final String ETAG = "etag";
    private static final String LAST_MODIFIED = "last-modified";
    /** A call that sets one of these asks its own conditional question, and its answer is its own. */
    private static final Set<String> CONDITIONAL = Set.of("if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "if-range");

    private Revalidation() {
    }

    /**
     * The input of a GET that asks whether {@code recorded} (a 200 response to the call {@code input}) still
     * holds: the call's input with {@code If-None-Match} set to its ETag and {@code If-Modified-Since} to its
     * Last-Modified. Empty when the response carries neither, was not a 200, or the call sets a conditional
     * header itself.
     */
    public static Optional<JsonNode> conditional(JsonNode input, JsonNode recorded) {
        JsonNode validators = recorded.path("headers");
        String etag = text(validators, ETAG);
        String lastModified = text(validators, LAST_MODIFIED);
        JsonNode given = input.path("headers");
        if (recorded.path("status").asInt() != 200 || (etag == null && lastModified == null)
                || !(given.isMissingNode() || given.isNull() || given.isObject())) {
            return Optional.empty();
        }
        ObjectNode conditional = input.deepCopy();
        ObjectNode headers = conditional.putObject("headers");
        if (given.isObject()) {
            for (var header : given.properties()) {
                if (CONDITIONAL.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                headers.set(header.getKey(), header.getValue());
            }
        }
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        return Optional.of(conditional);
    }

    /** Whether the answer to a {@link #conditional} request says the recorded response still holds. */
    public static boolean notModified(JsonNode output) {
        return output.path("status").asInt() == 304;
    }

    private static String text(JsonNode headers, String name) {
        JsonNode value = headers.get(name);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
}
