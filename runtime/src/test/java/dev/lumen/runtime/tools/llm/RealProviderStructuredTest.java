package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static dev.lumen.runtime.tools.llm.Chats.messages;
import static dev.lumen.runtime.tools.llm.Chats.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The structured-output request against the real APIs, when their keys are in the environment: the provider
 * accepts the schema (a 400 would fail the call) and replies with JSON that has the schema's members. Skipped,
 * with the reason shown in the test report, when the key is not set.
 */
@Timeout(120)
class RealProviderStructuredTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openAiAcceptsTheStrictSchema() throws Exception {
        String key = System.getenv("OPENAI_API_KEY");
        assumeTrue(key != null && !key.isBlank(), "skipped: OPENAI_API_KEY is not set, so api.openai.com is not asked");
        String model = System.getenv().getOrDefault("LUMEN_TEST_OPENAI_MODEL", "gpt-4o-mini");
        JsonNode reply = ask(new LlmChat(Map.of("OPENAI_API_KEY", key)), model);
        assertTrue(reply.has("note"), "strict mode fills every property, null where optional: " + reply);
    }

    @Test
    void anthropicAnswersThroughTheForcedTool() throws Exception {
        String key = System.getenv("ANTHROPIC_API_KEY");
        assumeTrue(key != null && !key.isBlank(),
                "skipped: ANTHROPIC_API_KEY is not set, so api.anthropic.com is not asked");
        String model = System.getenv().getOrDefault("LUMEN_TEST_ANTHROPIC_MODEL", "claude-haiku-4-5");
        ask(new LlmChat(Map.of("ANTHROPIC_API_KEY", key)), model);
    }

    private static JsonNode ask(LlmChat chat, String model) throws Exception {
        String text = chat.call(request(StructuredOutputTest.withSchema(
                messages("user", "File a ticket: the printer on floor 2 is on fire."), StructuredOutputTest.TICKET),
                grants("model", model, "max_tokens", 400L))).output().textValue();
        JsonNode reply = JSON.readTree(text);
        assertTrue(reply.path("title").isTextual(), text);
        assertTrue(Set.of("low", "high").contains(reply.path("priority").asText()), text);
        assertEquals(true, reply.path("tags").isArray(), text);
        return reply;
    }
}
