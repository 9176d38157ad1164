package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Chat Completions API of OpenAI and of the servers that copy it (Ollama, vLLM, llama.cpp server):
 * {@code POST {base}/chat/completions} (tools-llm.md §4.1).
 */
final class OpenAiChat implements ChatProvider {
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String BASE_URL_VARIABLE = "OPENAI_BASE_URL";
    static final String KEY_VARIABLE = "OPENAI_API_KEY";
    private static final String SHAPE = "a chat completion";

    private final URI endpoint;
    private final String key;
    private final boolean openAi;

    /** @param key the API key, or null to send none (a local server) */
    OpenAiChat(URI base, String key) {
        this.endpoint = URI.create(base + "/chat/completions");
        this.key = key;
        this.openAi = "api.openai.com".equals(base.getHost());
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String keyVariable() {
        return KEY_VARIABLE;
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", "application/json");
        if (key != null) {
            headers.put("authorization", "Bearer " + key);
        }
        return headers;
    }

    @Override
    public ObjectNode body(ChatSettings settings, List<ChatMessage> messages, Optional<JsonNode> schema) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", settings.model());
        ArrayNode list = body.putArray("messages");
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        // OpenAI itself wants max_completion_tokens (its reasoning models refuse max_tokens); the servers that
        // copy the API read max_tokens.
        body.put(openAi ? "max_completion_tokens" : "max_tokens", settings.maxTokens());
        settings.temperature().ifPresent(t -> body.put("temperature", t));
        schema.flatMap(StructuredSchema::openAiResponseFormat).ifPresent(f -> body.set("response_format", f));
        return body;
    }

    @Override
    public ChatReply read(JsonNode reply) {
        if (!reply.isObject()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "it is not a JSON object");
        }
        JsonNode choices = reply.get("choices");
        if (choices == null || !choices.isArray()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "it has no `choices` list");
        }
        if (choices.isEmpty()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "`choices` is empty");
        }
        JsonNode message = choices.get(0).get("message");
        if (message == null || !message.isObject()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "`choices[0]` has no `message` object");
        }
        JsonNode content = message.get("content");
        if (content != null && !content.isNull() && !content.isTextual()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "`choices[0].message.content` is not a string");
        }
        String text = content == null || content.isNull() ? "" : ReplyJson.text(message, "content");
        String refusal = ReplyJson.text(message, "refusal");
        boolean refused = text.isEmpty() && refusal != null && !refusal.isEmpty();
        List<String> finishReasons = new ArrayList<>();
        for (JsonNode choice : choices) {
            String reason = ReplyJson.text(choice, "finish_reason");
            if (reason != null) {
                finishReasons.add(reason);
            }
        }
        return new ChatReply(refused ? refusal : text, refused, ReplyJson.text(reply, "id"),
                ReplyJson.text(reply, "model"), finishReasons, tokens(reply.get("usage")));
    }

    private static Optional<ChatReply.TokenUsage> tokens(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        OptionalLong prompt = ReplyJson.count(usage, "prompt_tokens");
        OptionalLong completion = ReplyJson.count(usage, "completion_tokens");
        return prompt.isPresent() && completion.isPresent()
                ? Optional.of(new ChatReply.TokenUsage(prompt.getAsLong(), completion.getAsLong()))
                : Optional.empty();
    }
}
