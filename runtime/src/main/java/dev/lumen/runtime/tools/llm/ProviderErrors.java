package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.tools.ToolFailure;

/** A provider's error response (not 2xx) as a failure that carries the provider's own message. */
final class ProviderErrors {
    /** Longest part of a non-JSON error body shown, in code points: proxies answer with whole HTML pages. */
    private static final int SHOWN_BODY = 200;

    private ProviderErrors() {
    }

    /**
     * {@code URL answered HTTP 429 (rate_limit_error): MESSAGE (retry-after: 20)}, with a hint at the key for
     * 401 and 403. Nothing is retried: the run's own {@code rate_limit} paces its calls.
     */
    static ToolFailure failure(ChatProvider provider, HttpAnswer answer) {
        StringBuilder message = new StringBuilder();
        message.append(provider.endpoint()).append(" answered HTTP ").append(answer.status());
        JsonNode error = errorObject(answer.body());
        String type = error == null ? null : ReplyJson.text(error, "type");
        if (type != null && !type.isBlank()) {
            message.append(" (").append(type).append(')');
        }
        message.append(": ").append(providerMessage(error, answer.body()));
        if (answer.status() == 401 || answer.status() == 403) {
            message.append(" (check ").append(provider.keyVariable()).append(')');
        } else if (answer.status() == 429) {
            answer.headers().firstValue("retry-after")
                    .ifPresent(v -> message.append(" (retry-after: ").append(v).append(')'));
        }
        return new ToolFailure(message.toString());
    }

    /**
     * The object that describes the error: {@code error} in OpenAI's and Anthropic's bodies, the body itself in
     * vLLM's; null when the body is not JSON.
     */
    private static JsonNode errorObject(String body) {
        JsonNode root;
        try {
            root = CanonicalJson.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode error = root.get("error");
        return error != null && error.isObject() ? error : root;
    }

    private static String providerMessage(JsonNode error, String body) {
        if (error != null) {
            String message = ReplyJson.text(error, "message");
            if (message == null) {
                message = ReplyJson.text(error, "error"); // Ollama's own form: {"error": "…"}
            }
            if (message != null && !message.isBlank()) {
                return message.strip();
            }
        }
        String text = body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "the body is empty";
        }
        return text.codePointCount(0, text.length()) <= SHOWN_BODY ? text
                : text.substring(0, text.offsetByCodePoints(0, SHOWN_BODY - 1)) + "…";
    }
}
