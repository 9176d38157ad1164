package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Anthropic's Messages API: {@code POST {base}/v1/messages} (tools-llm.md §4.2). */
final class AnthropicChat implements ChatProvider {
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String BASE_URL_VARIABLE = "ANTHROPIC_BASE_URL";
    static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";
    static final String API_VERSION = "2023-06-01";
    private static final String SHAPE = "a Messages API message";
    /** What joins system messages, and consecutive messages of one role, into one text. */
    private static final String JOIN = "\n\n";

    private final URI endpoint;
    private final String key;

    /** @param key the API key, or null to send none (a proxy that adds it) */
    AnthropicChat(URI base, String key) {
        this.endpoint = URI.create(base + "/v1/messages");
        this.key = key;
    }

    @Override
    public String name() {
        return "anthropic";
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
        headers.put("anthropic-version", API_VERSION);
        if (key != null) {
            headers.put("x-api-key", key);
        }
        return headers;
    }

    /**
     * System messages go to the top-level {@code system}, wherever they are in the list; consecutive messages
     * of one role are merged, as the API would merge them; a {@code tool} message has no text form here.
     */
    @Override
    public ObjectNode body(ChatSettings settings, List<ChatMessage> messages, Optional<JsonNode> schema) {
        List<String> system = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            switch (m.role()) {
                case "system" -> system.add(m.content());
                case "tool" -> throw new ToolFailure("messages[" + i + "] has role `tool`, which the Anthropic Messages"
                        + " API does not take as text (only as a tool_result block answering a tool_use)");
                default -> {
                    if (!turns.isEmpty() && turns.getLast().role().equals(m.role())) {
                        String merged = turns.getLast().content() + JOIN + m.content();
                        turns.set(turns.size() - 1, new ChatMessage(m.role(), merged));
                    } else {
                        turns.add(m);
                    }
                }
            }
        }
        if (turns.isEmpty()) {
            throw new ToolFailure(
                    "the Anthropic Messages API needs a user message, and the call has only system messages");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", settings.model());
        body.put("max_tokens", settings.maxTokens());
        if (!system.isEmpty()) {
            body.put("system", String.join(JOIN, system));
        }
        ArrayNode list = body.putArray("messages");
        for (ChatMessage m : turns) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        settings.temperature().ifPresent(t -> body.put("temperature", t));
        schema.flatMap(StructuredSchema::anthropicInputSchema).ifPresent(input -> answerTool(body, input));
        return body;
    }

    /** Structured output as Anthropic documents it: one tool whose input is the answer, and the call forced to it. */
    private static void answerTool(ObjectNode body, ObjectNode inputSchema) {
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", StructuredSchema.NAME);
        tool.put("description", "Give the answer, as this tool's input.");
        tool.set("input_schema", inputSchema);
        body.putObject("tool_choice").put("type", "tool").put("name", StructuredSchema.NAME);
    }

    /**
     * The reply text is the concatenated {@code text} blocks; other blocks (thinking, tool use) are not text,
     * except the answer tool's {@code tool_use}, whose input is the structured answer, as canonical JSON text.
     */
    @Override
    public ChatReply read(JsonNode reply) {
        if (!reply.isObject()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "it is not a JSON object");
        }
        JsonNode content = reply.get("content");
        if (content == null || !content.isArray()) {
            throw ReplyJson.unexpected(endpoint, SHAPE, "it has no `content` list");
        }
        StringBuilder text = new StringBuilder();
        String answer = null;
        for (JsonNode block : content) {
            String blockText = ReplyJson.text(block, "text");
            String type = ReplyJson.text(block, "type");
            if ("text".equals(type) && blockText != null) {
                text.append(blockText);
            } else if ("tool_use".equals(type) && StructuredSchema.NAME.equals(ReplyJson.text(block, "name"))) {
                JsonNode input = block.get("input");
                if (input == null || !input.isObject()) {
                    throw ReplyJson.unexpected(endpoint, SHAPE, "its `tool_use` block has no `input` object");
                }
                answer = CanonicalJson.write(input);
            }
        }
        String stopReason = ReplyJson.text(reply, "stop_reason");
        return new ChatReply(answer != null ? answer : text.toString(), "refusal".equals(stopReason), ReplyJson.text(reply, "id"),
                ReplyJson.text(reply, "model"), stopReason == null ? List.of() : List.of(stopReason),
                tokens(reply.get("usage")));
    }

    /** Input tokens include the prompt-cache reads and writes, which the API counts apart. */
    private static Optional<ChatReply.TokenUsage> tokens(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        OptionalLong input = ReplyJson.count(usage, "input_tokens");
        OptionalLong output = ReplyJson.count(usage, "output_tokens");
        if (input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        long cached = ReplyJson.count(usage, "cache_creation_input_tokens").orElse(0)
                + ReplyJson.count(usage, "cache_read_input_tokens").orElse(0);
        return Optional.of(new ChatReply.TokenUsage(input.getAsLong() + cached, output.getAsLong()));
    }
}
