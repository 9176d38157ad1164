package dev.lumen.runtime.tools.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages of the native tool protocol (tool-protocol-v1.md §2): one request, one response. */
final class ToolProtocol {
    /** The request's {@code protocol} member. */
    static final String VERSION = "lumen-tool/1";

    private ToolProtocol() {
    }

    /** A response that breaks the protocol; the message says how. */
    static final class BadResponse extends Exception {
        private static final long serialVersionUID = 1L;

        BadResponse(String message) {
            super(message, null, false, false);
        }
    }

    /** A well-formed response: an output, or the tool's own error message (exactly one is not null). */
    record Response(JsonNode output, String error) {
    }

    /** The request for a call: one line of canonical JSON. */
    static byte[] request(ToolManifest manifest, ToolRequest request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("protocol", VERSION);
        message.put("tool_id", manifest.toolId());
        message.put("version", manifest.version());
        message.put("input", request.input());
        message.put("grants", request.grants().clauses());
        message.put("base_dir", request.base().toString());
        return (CanonicalJson.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads what the tool wrote on stdout. */
    static Response response(byte[] stdout) throws BadResponse {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(stdout)).toString();
        } catch (CharacterCodingException e) {
            throw new BadResponse("the process wrote a response that is not UTF-8");
        }
        if (text.isBlank()) {
            throw new BadResponse("the process exited without writing a response");
        }
        JsonNode root;
        try {
            root = CanonicalJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadResponse("the process wrote a response that is " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new BadResponse("the response must be a JSON object with `output` or `error`");
        }
        if (root.size() != 1 || !(root.has("output") || root.has("error"))) {
            List<String> names = new ArrayList<>();
            root.fieldNames().forEachRemaining(name -> names.add("`" + name + "`"));
            throw new BadResponse("the response must have one member, `output` or `error`; it has "
                    + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        if (root.has("output")) {
            JsonNode output = root.get("output");
            try {
                CanonicalJson.write(output);
            } catch (IllegalArgumentException e) {
                throw new BadResponse("the response's output has no canonical JSON form: " + e.getMessage());
            }
            return new Response(output, null);
        }
        JsonNode message = root.get("error").get("message");
        if (message == null || !message.isTextual() || message.textValue().isBlank()) {
            throw new BadResponse("the response's `error` must be an object with a non-empty String `message`");
        }
        return new Response(null, message.textValue());
    }
}
