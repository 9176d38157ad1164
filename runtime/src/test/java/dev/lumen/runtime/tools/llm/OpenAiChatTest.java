package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static dev.lumen.runtime.tools.llm.Chats.messages;
import static dev.lumen.runtime.tools.llm.Chats.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolResult;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** llm.chat against an OpenAI-compatible Chat Completions endpoint on loopback. */
@Timeout(10)
class OpenAiChatTest {
    private static final Grants GRANT = grants("model", "gpt-4o-mini", "max_tokens", 300L, "temperature", 0.0);
    private static final JsonNode INVOICE = messages("system", "You extract invoices.", "user", "Extract: Invoice A-1",
            "assistant", "Which fields?", "user", "vendor and total");

    private FakeLlmServer server;
    private LlmChat chat;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        chat = new LlmChat(Map.of("OPENAI_BASE_URL", server.url() + "/v1", "OPENAI_API_KEY", "sk-test-123"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sendsTheGrantedModelTheMessagesAndTheLimits() throws Exception {
        server.reply(200, Recorded.OPENAI_REPLY);
        ToolResult result = chat.call(request(INVOICE, GRANT));
        assertEquals("{\"vendor\": \"Acme\", \"total\": 12.5}", result.output().textValue());

        FakeLlmServer.Received sent = server.request();
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("Bearer sk-test-123", sent.header("Authorization"));
        assertEquals("application/json", sent.header("Content-Type"));
        assertEquals(CanonicalJson.parse("""
                {"model": "gpt-4o-mini",
                 "messages": [{"role": "system", "content": "You extract invoices."},
                              {"role": "user", "content": "Extract: Invoice A-1"},
                              {"role": "assistant", "content": "Which fields?"},
                              {"role": "user", "content": "vendor and total"}],
                 "max_tokens": 300, "temperature": 0}"""), sent.body());
    }

    @Test
    void reportsUsageUnderTheGenAiNames() {
        server.reply(200, Recorded.OPENAI_REPLY);
        Map<String, Object> usage = chat.call(request(INVOICE, GRANT)).usage();
        assertEquals("openai", usage.get("gen_ai.provider.name"));
        assertEquals("chat", usage.get("gen_ai.operation.name"));
        assertEquals("gpt-4o-mini", usage.get("gen_ai.request.model"));
        assertEquals("gpt-4o-mini-2024-07-18", usage.get("gen_ai.response.model"));
        assertEquals("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", usage.get("gen_ai.response.id"));
        assertEquals(300L, usage.get("gen_ai.request.max_tokens"));
        assertEquals(0.0, usage.get("gen_ai.request.temperature"));
        assertEquals(19L, usage.get("gen_ai.usage.input_tokens"));
        assertEquals(10L, usage.get("gen_ai.usage.output_tokens"));
        assertEquals(List.of("stop"), usage.get("gen_ai.response.finish_reasons"));
        double seconds = (Double) usage.get("gen_ai.client.operation.duration");
        assertTrue(seconds > 0 && seconds < 10, "duration " + seconds);
    }

    @Test
    void aLocalServerNeedsNoKeyAndGetsNoTemperatureOrTokensItWasNotGranted() throws Exception {
        LlmChat local = new LlmChat(Map.of("OPENAI_BASE_URL", server.url() + "/v1/"));
        server.reply(200, Recorded.OLLAMA_REPLY);
        ToolResult result = local.call(request(messages("user", "Capital of France?"), grants("model", "llama3.2")));
        assertEquals("Paris.", result.output().textValue());
        FakeLlmServer.Received sent = server.request();
        assertEquals("/v1/chat/completions", sent.path(), "a trailing slash on the base URL is dropped");
        assertNull(sent.header("Authorization"));
        assertEquals(1024, sent.body().get("max_tokens").asInt(), "the default max_tokens");
        assertFalse(sent.body().has("temperature"), "an ungranted temperature is left to the provider");
        assertFalse(result.usage().containsKey("gen_ai.request.temperature"));
    }

    @Test
    void openAiItselfGetsMaxCompletionTokens() {
        ChatSettings settings = new ChatSettings("gpt-5-mini", 500, OptionalDouble.empty(), 1000, false, true);
        List<ChatMessage> one = List.of(new ChatMessage("user", "hi"));
        JsonNode official = new OpenAiChat(URI.create(OpenAiChat.DEFAULT_BASE_URL), "sk").body(settings, one, Optional.empty());
        assertEquals(500, official.get("max_completion_tokens").asInt());
        assertFalse(official.has("max_tokens"));
        JsonNode compatible = new OpenAiChat(URI.create("http://127.0.0.1:8000/v1"), null).body(settings, one, Optional.empty());
        assertEquals(500, compatible.get("max_tokens").asInt());
        assertFalse(compatible.has("max_completion_tokens"));
    }

    @Test
    void aReplyCutShortByMaxTokensIsStillTheReply() {
        server.reply(200, Recorded.OPENAI_CUT_SHORT);
        ToolResult result = chat.call(request(INVOICE, GRANT));
        assertEquals("{\"vendor\": \"Ac", result.output().textValue());
        assertEquals(List.of("length"), result.usage().get("gen_ai.response.finish_reasons"));
    }

    @Test
    void aLoneSurrogateInTheReplyBecomesAReplacementCharacter() {
        server.reply(200, Recorded.OPENAI_REPLY.replace("{\\\"vendor\\\"", "\\ud83d {\\\"vendor\\\""));
        assertEquals("\uFFFD {\"vendor\": \"Acme\", \"total\": 12.5}",
                chat.call(request(INVOICE, GRANT)).output().textValue());
    }

    @Test
    void aBadKeyCarriesTheProvidersMessage() {
        server.reply(401, Recorded.OPENAI_BAD_KEY);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals(server.url() + "/v1/chat/completions answered HTTP 401 (invalid_request_error): Incorrect API key"
                + " provided: sk-bad. You can find your API key at https://platform.openai.com/account/api-keys."
                + " (check OPENAI_API_KEY)", f.getMessage());
    }

    @Test
    void aRateLimitSaysWhenToRetryAndIsNotRetried() throws Exception {
        server.reply(429, Recorded.OPENAI_RATE_LIMITED, "retry-after", "20");
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertTrue(f.getMessage().startsWith(server.url() + "/v1/chat/completions answered HTTP 429 (requests): Rate limit"
                + " reached for gpt-4o-mini"), f.getMessage());
        assertTrue(f.getMessage().endsWith("Please try again in 20s. (retry-after: 20)"), f.getMessage());
        server.request();
        assertEquals(0, server.pending(), "one request, no retry");
    }

    @Test
    void aServerErrorCarriesTheProvidersMessage() {
        server.reply(500, Recorded.OPENAI_SERVER_ERROR);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals(server.url() + "/v1/chat/completions answered HTTP 500 (server_error): The server had an error"
                + " while processing your request. Sorry about that!", f.getMessage());
    }

    @Test
    void anErrorBodyThatIsNotJsonIsShownCut() {
        server.reply(502, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(300) + "</body></html>",
                "content-type", "text/html");
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        String prefix = server.url() + "/v1/chat/completions answered HTTP 502: ";
        assertTrue(f.getMessage().startsWith(prefix + "<html> <head><title>502 Bad Gateway</title>"), f.getMessage());
        String shown = f.getMessage().substring(prefix.length());
        assertEquals(200, shown.codePointCount(0, shown.length()), "the body is cut to 200 code points");
        assertTrue(shown.endsWith("x…"), shown);
    }

    @Test
    void theErrorFormsOfCompatibleServersAreRead() {
        String url = server.url() + "/v1/chat/completions";
        server.reply(400, """
                {"object": "error", "message": "max_tokens must be at least 1, got 0.", "type": "BadRequestError",
                 "param": null, "code": 400}""");
        assertEquals(url + " answered HTTP 400 (BadRequestError): max_tokens must be at least 1, got 0.",
                assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT))).getMessage());
        server.reply(404, "{\"error\": \"model \\\"gpt-4o-mini\\\" not found, try pulling it first\"}");
        assertEquals(url + " answered HTTP 404: model \"gpt-4o-mini\" not found, try pulling it first",
                assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT))).getMessage());
        server.reply(503, "");
        assertEquals(url + " answered HTTP 503: the body is empty",
                assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT))).getMessage());
    }

    @Test
    void aReplyWithNoTextNamesItsFinishReason() {
        server.reply(200, """
                {"id": "chatcmpl-7", "object": "chat.completion", "model": "llama3.2",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 0}}""");
        assertEquals("the reply from " + server.url() + "/v1/chat/completions has no text (finish reason: stop)",
                assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT))).getMessage());
    }

    @Test
    void aMalformedReplyIsAFailure() {
        server.reply(200, "{\"id\": \"chatcmpl-1\", \"choices\": [");
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertTrue(f.getMessage().startsWith("the reply from " + server.url() + "/v1/chat/completions is not JSON: "),
                f.getMessage());

        server.reply(200, "{\"object\": \"list\", \"data\": []}");
        f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals("the reply from " + server.url() + "/v1/chat/completions is not a chat completion: it has no"
                + " `choices` list", f.getMessage());

        server.reply(200, "{\"choices\": [{\"message\": {\"content\": [1, 2]}}]}");
        f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertTrue(f.getMessage().endsWith("is not a chat completion: `choices[0].message.content` is not a string"),
                f.getMessage());
    }

    @Test
    void emptyChoicesAreAFailure() {
        server.reply(200, Recorded.OPENAI_NO_CHOICES);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals("the reply from " + server.url() + "/v1/chat/completions is not a chat completion: `choices` is empty",
                f.getMessage());
    }

    @Test
    void aReplyWithNoTextSaysMaxTokensRanOut() {
        server.reply(200, Recorded.OPENAI_LENGTH_NO_TEXT);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals("the reply from " + server.url() + "/v1/chat/completions has no text: the model reached max_tokens"
                + " (300) before writing any", f.getMessage());
    }

    @Test
    void aRefusalIsAFailureThatQuotesIt() {
        server.reply(200, Recorded.OPENAI_REFUSAL);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(INVOICE, GRANT)));
        assertEquals("the model refused to answer: I'm sorry, I can't help with that request.", f.getMessage());
    }
}
