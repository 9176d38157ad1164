package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A server's {@code sampling/createMessage} as the input of an {@code llm.chat} call (mcp-bridge-v1.md §11.3): its
 * {@code systemPrompt} as a first {@code system} message, then its messages, each the text of its text blocks.
 * What else the request asks for (model preferences, {@code maxTokens}, temperature, stop sequences, context)
 * is the {@code llm.chat} grant's to decide, not the server's.
 */
final class SamplingMessages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SamplingMessages() {
    }

    /**
     * @throws IllegalArgumentException when a message holds something other than text (an image, audio, a tool
     *     use), which {@code llm.chat} cannot send
     */
    static ObjectNode chatInput(JsonNode params) {
        ArrayNode messages = NODES.arrayNode();
        JsonNode system = params.path("systemPrompt");
        if (system.isTextual() && !system.asText().isEmpty()) {
            messages.add(message("system", system.asText()));
        }
        int n = 0;
        for (JsonNode m : params.path("messages")) {
            n++;
            messages.add(message(m.path("role").asText("user"), text(m.path("content"), n)));
        }
        if (n == 0) {
            throw new IllegalArgumentException("the request has no messages");
        }
        ObjectNode input = NODES.objectNode();
        input.set("messages", messages);
        return input;
    }

    private static ObjectNode message(String role, String content) {
        return NODES.objectNode().put("role", role).put("content", content);
    }

    /** A message's content: one block, or (from revision 2025-11-25) a list of them. */
    private static String text(JsonNode content, int n) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content.isArray() ? content : NODES.arrayNode().add(content)) {
            String type = block.path("type").asText("");
            if (!type.equals("text")) {
                throw new IllegalArgumentException("message " + n + " holds " + (type.isEmpty() ? "a block with no type"
                        : "a block of type `" + type + "`") + ", and Lumen samples text only");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(block.path("text").asText(""));
        }
        return text.toString();
    }
}
