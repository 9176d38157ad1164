package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An LLM API that {@code llm.chat} speaks: how to ask it for a reply and how to read the reply. */
sealed interface ChatProvider permits OpenAiChat, AnthropicChat {

    /** The provider as OpenTelemetry's {@code gen_ai.provider.name} calls it. */
    String name();

    /** Where the chat request is POSTed. */
    URI endpoint();

    /** The environment variable that holds this provider's API key, for messages about keys. */
    String keyVariable();

    /** The request headers: authentication, API version, content type. */
    Map<String, String> headers();

    /**
     * The request body for these messages and settings; {@code schema}, when present, is the JSON Schema the
     * reply is asked to hold to in the provider's structured-output mode, where it can say it (§4.3).
     *
     * @throws dev.lumen.runtime.tools.ToolFailure when the messages cannot be put in this API's form
     */
    ObjectNode body(ChatSettings settings, List<ChatMessage> messages, Optional<JsonNode> schema);

    /**
     * What a successful (2xx) reply body says.
     *
     * @throws dev.lumen.runtime.tools.ToolFailure when the body does not have this API's shape
     */
    ChatReply read(JsonNode reply);
}
