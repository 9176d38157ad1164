package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static dev.lumen.runtime.tools.llm.Chats.messages;
import static dev.lumen.runtime.tools.llm.Chats.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** llm.chat against an Anthropic Messages API endpoint on loopback. */
@Timeout(10)
class AnthropicChatTest {
    private static final Grants GRANT = grants("model", "claude-sonnet-4-5", "temperature", 0.2);

    private FakeLlmServer server;
    private LlmChat chat;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        chat = new LlmChat(Map.of("ANTHROPIC_BASE_URL", server.url(), "ANTHROPIC_API_KEY", "sk-ant-test"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void systemMessagesGoToTheTopAndConsecutiveTurnsAreMerged() throws Exception {
        server.reply(200, Recorded.ANTHROPIC_REPLY);
        JsonNode input = messages("system", "You extract invoices.", "user", "Invoice A-1 from Acme.",
                "user", "Total 12.50.", "system", "Answer with JSON only.", "assistant", "{", "user", "Go on.");
        ToolResult result = chat.call(request(input, GRANT));
        assertEquals("{\"vendor\": \"Acme\", \"total\": 12.5}", result.output().textValue(),
                "the text blocks joined, the thinking block left out");

        FakeLlmServer.Received sent = server.request();
        assertEquals("POST", sent.method());
        assertEquals("/v1/messages", sent.path());
        assertEquals("sk-ant-test", sent.header("x-api-key"));
        assertEquals("2023-06-01", sent.header("anthropic-version"));
        assertEquals("application/json", sent.header("content-type"));
        assertNull(sent.header("Authorization"));
        assertEquals(CanonicalJson.parse("""
                {"model": "claude-sonnet-4-5", "max_tokens": 1024, "temperature": 0.2,
                 "system": "You extract invoices.\\n\\nAnswer with JSON only.",
                 "messages": [{"role": "user", "content": "Invoice A-1 from Acme.\\n\\nTotal 12.50."},
                              {"role": "assistant", "content": "{"},
                              {"role": "user", "content": "Go on."}]}"""), sent.body());
    }

    @Test
    void usageCountsCachedInputTokens() {
        server.reply(200, Recorded.ANTHROPIC_REPLY);
        RunLimits run = new RunLimits();
        Map<String, Object> usage = chat.call(request(messages("user", "hi"), GRANT, run)).usage();
        assertEquals("anthropic", usage.get("gen_ai.provider.name"));
        assertEquals("claude-sonnet-4-5", usage.get("gen_ai.request.model"));
        assertEquals("claude-sonnet-4-5-20250929", usage.get("gen_ai.response.model"));
        assertEquals("msg_013Zva2CMHLNnXjNJJKqJ2EF", usage.get("gen_ai.response.id"));
        assertEquals(2195L, usage.get("gen_ai.usage.input_tokens"), "2095 new + 100 read from the prompt cache");
        assertEquals(503L, usage.get("gen_ai.usage.output_tokens"));
        assertEquals(List.of("end_turn"), usage.get("gen_ai.response.finish_reasons"));
        assertEquals(2698L, run.tokensUsed("llm.chat"));
    }

    @Test
    void withoutTemperatureTheFieldIsLeftOut() throws Exception {
        server.reply(200, Recorded.ANTHROPIC_REPLY);
        chat.call(request(messages("user", "hi"), grants("model", "claude-haiku-4-5", "max_tokens", 64L)));
        JsonNode body = server.request().body();
        assertFalse(body.has("temperature"));
        assertFalse(body.has("system"));
        assertEquals(64, body.get("max_tokens").asInt());
    }

    @Test
    void aToolMessageIsRefusedBeforeAnyRequest() {
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(
                messages("user", "What is the weather?", "tool", "{\"temp\": 21}"), GRANT)));
        assertEquals("messages[1] has role `tool`, which the Anthropic Messages API does not take as text (only as a"
                + " tool_result block answering a tool_use)", f.getMessage());
        assertEquals(0, server.pending());
    }

    @Test
    void onlySystemMessagesAreRefused() {
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("system", "Be brief."), GRANT)));
        assertEquals("the Anthropic Messages API needs a user message, and the call has only system messages",
                f.getMessage());
    }

    @Test
    void aBadKeyCarriesTheProvidersMessage() {
        server.reply(401, Recorded.ANTHROPIC_BAD_KEY);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("user", "hi"), GRANT)));
        assertEquals(server.url() + "/v1/messages answered HTTP 401 (authentication_error): invalid x-api-key"
                + " (check ANTHROPIC_API_KEY)", f.getMessage());
    }

    @Test
    void anOverloadedApiIsAFailure() {
        server.reply(529, Recorded.ANTHROPIC_OVERLOADED);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("user", "hi"), GRANT)));
        assertEquals(server.url() + "/v1/messages answered HTTP 529 (overloaded_error): Overloaded", f.getMessage());
    }

    @Test
    void aRefusalIsAFailureAndItsTokensAreCounted() {
        server.reply(200, Recorded.ANTHROPIC_REFUSAL);
        RunLimits run = new RunLimits();
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("user", "hi"), GRANT, run)));
        assertEquals("the model refused to answer", f.getMessage());
        assertEquals(40, run.tokensUsed("llm.chat"));
    }

    @Test
    void aReplyWithoutContentIsAFailure() {
        server.reply(200, "{\"id\": \"msg_1\", \"type\": \"message\", \"role\": \"assistant\"}");
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("user", "hi"), GRANT)));
        assertEquals("the reply from " + server.url() + "/v1/messages is not a Messages API message: it has no"
                + " `content` list", f.getMessage());
    }

    @Test
    void aReplyStoppedAtMaxTokensWithNoTextSaysSo() {
        server.reply(200, """
                {"id": "msg_2", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "thinking", "thinking": "Let me think…", "signature": "sig"}],
                 "stop_reason": "max_tokens", "usage": {"input_tokens": 10, "output_tokens": 16}}""");
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(messages("user", "hi"),
                grants("model", "claude-sonnet-4-5", "max_tokens", 16L))));
        assertEquals("the reply from " + server.url() + "/v1/messages has no text: the model reached max_tokens (16)"
                + " before writing any", f.getMessage());
    }
}
