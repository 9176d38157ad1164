package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server sent the client ({@code elicitation/create}, {@code roots/list},
 * {@code sampling/createMessage}, or any other) and the client's answer: its {@code result}, or an error. Traced
 * with the call it came before or during (trace-v1.md §4.2, the {@code server} member).
 *
 * @param params    the request's parameters as the server sent them (null when it sent none)
 * @param result    the result answered, or null when the answer was an error
 * @param errorCode the JSON-RPC error code answered, when the answer was an error
 */
public record McpServerRequest(String method, JsonNode params, JsonNode result, int errorCode, String errorMessage) {
    /** The request and its answer as the trace records them. */
    public Map<String, Object> toTrace() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        if (params != null && !params.isNull()) {
            out.put("params", params);
        }
        if (result != null) {
            out.put("result", result);
        } else {
            out.put("error", Map.of("code", errorCode, "message", errorMessage == null ? "" : errorMessage));
        }
        return out;
    }
}
