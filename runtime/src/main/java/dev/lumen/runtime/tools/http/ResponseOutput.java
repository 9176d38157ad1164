package dev.lumen.runtime.tools.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The tool's output for a final response: {@code {status, body, headers}} (tools-http.md §7). */
final class ResponseOutput {
    private ResponseOutput() {
    }

    /** The body as base64 text (a Bytes value's JSON form); header names in lower case, sorted, repeats joined. */
    static ObjectNode of(HttpResponse<byte[]> response) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", response.statusCode());
        out.put("body", Base64.getEncoder().encodeToString(response.body()));
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String joined = String.join(", ", header.getValue());
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), joined, (a, b) -> a + ", " + b);
        }
        headers.forEach(out.putObject("headers")::put);
        return out;
    }
}
