package dev.lumen.runtime.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.nio.charset.StandardCharsets;

/**
 * The bundled tools {@code http.get} and {@code http.post} (tools-http.md): every grant clause they support is
 * enforced here, on every call, whatever the compiler checked.
 */
public final class HttpTools {
    /** The Content-Type of a POST body when the call gives none: the body is a String, sent as UTF-8. */
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private HttpTools() {
    }

    /** {@code http.get(url: String, headers: map[String, String] | Null)}. */
    public static ToolResult get(ToolRequest request) {
        return call(request, "GET");
    }

    /** {@code http.post(url: String, body: String, headers: map[String, String] | Null)}. */
    public static ToolResult post(ToolRequest request) {
        return call(request, "POST");
    }

    /** Checks the call in the order tools-http.md §1 gives, then sends it. */
    private static ToolResult call(ToolRequest request, String method) {
        DomainAllowlist allowlist = DomainAllowlist.of(request.grants());
        HttpLimits limits = HttpLimits.of(request.grants());
        Target target = Target.parse(text(request.input(), "url"));
        RequestHeaders headers = RequestHeaders.from(request.input().get("headers"));
        byte[] body = null;
        if (method.equals("POST")) {
            body = text(request.input(), "body").getBytes(StandardCharsets.UTF_8);
            headers = headers.withDefault("Content-Type", DEFAULT_CONTENT_TYPE);
        }
        return ToolResult.of(ResponseOutput.of(new HttpCall(allowlist, limits).send(method, target, body, headers)));
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual()) {
            throw new ToolFailure("input `" + field + "` must be a String");
        }
        return value.textValue();
    }
}
