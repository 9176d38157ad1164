package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static dev.lumen.runtime.tools.llm.Chats.messages;
import static dev.lumen.runtime.tools.llm.Chats.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An `expect schema` call's schema, sent to each provider's structured-output mode as the provider documents it. */
@Timeout(10)
class StructuredOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The schema the compiler derives for {@code record Ticket { title: String where len(title) <= 80, priority:
     * Priority, tags: list[String], note: String | Null }} (language JsonSchemas): an optional member is not
     * required, a `where` becomes maxLength, an enum is a $ref.
     */
    static final String TICKET = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"title":{"type":"string","maxLength":80,"description":"where len(title) <= 80"},
               "priority":{"$ref":"#/$defs/Priority"},"tags":{"type":"array","items":{"type":"string"}},
               "note":{"type":["string","null"]}},
             "required":["title","priority","tags"],"additionalProperties":false,
             "$defs":{"Priority":{"type":"string","enum":["low","high"]}}}""";
    private static final String ANTHROPIC_TOOL_REPLY = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"tool_use","id":"toolu_01","name":"answer",
               "input":{"title":"Printer on fire","priority":"high","tags":["hw"],"note":null}}],
             "stop_reason":"tool_use","usage":{"input_tokens":50,"output_tokens":20}}""";
    private static final String OPENAI_JSON_REPLY = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant",
               "content":"{\\"title\\":\\"Printer on fire\\",\\"priority\\":\\"high\\",\\"tags\\":[],\\"note\\":null}",
               "refusal":null},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70}}""";

    private FakeLlmServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static ObjectNode withSchema(JsonNode messages, String schema) throws Exception {
        ObjectNode input = messages.deepCopy();
        input.put(LlmChat.RESPONSE_SCHEMA, JSON.readTree(schema).toString());
        return input;
    }

    private LlmChat openAi() {
        return new LlmChat(Map.of("OPENAI_BASE_URL", server.url() + "/v1"));
    }

    private LlmChat anthropic() {
        return new LlmChat(Map.of("ANTHROPIC_BASE_URL", server.url(), "ANTHROPIC_API_KEY", "sk-ant-test"));
    }

    @Test
    void openAiGetsAStrictJsonSchemaWithEveryPropertyRequiredAndOnlySupportedKeywords() throws Exception {
        server.reply(200, OPENAI_JSON_REPLY);
        ToolResult result = openAi().call(request(withSchema(messages("user", "File it."), TICKET),
                grants("model", "gpt-4o-mini")));
        JsonNode schema = ProviderSchemaRules.openAiStrict(server.request().body());
        assertEquals(JSON.readTree("""
                {"type":"object","properties":{"title":{"type":"string","description":"where len(title) <= 80"},
                 "priority":{"$ref":"#/$defs/Priority"},"tags":{"type":"array","items":{"type":"string"}},
                 "note":{"type":["string","null"]}},"required":["title","priority","tags","note"],
                 "additionalProperties":false,"$defs":{"Priority":{"type":"string","enum":["low","high"]}}}"""),
                schema, "maxLength (unsupported) is left to the program's own check; the optional note is required"
                        + " and nullable");
        assertTrue(result.output().textValue().contains("Printer on fire"));
    }

    @Test
    void anthropicGetsOneForcedToolAndTheReplyIsItsInputAsJsonText() throws Exception {
        server.reply(200, ANTHROPIC_TOOL_REPLY);
        ToolResult result = anthropic().call(request(withSchema(messages("user", "File it."), TICKET),
                grants("model", "claude-sonnet-4-5")));
        JsonNode input = ProviderSchemaRules.anthropicForcedTool(server.request().body());
        assertEquals(80, input.at("/properties/title/maxLength").asInt(), "Anthropic takes the schema as it is");
        assertFalse(input.has("$schema"));
        assertEquals("{\"note\":null,\"priority\":\"high\",\"tags\":[\"hw\"],\"title\":\"Printer on fire\"}",
                result.output().textValue(), "the tool_use input, as canonical JSON text for `expect schema`");
    }

    @Test
    void structuredFalseSendsNoSchema() throws Exception {
        server.reply(200, OPENAI_JSON_REPLY).reply(200, Recorded.ANTHROPIC_REPLY);
        openAi().call(request(withSchema(messages("user", "File it."), TICKET),
                grants("model", "gpt-4o-mini", "structured", false)));
        assertFalse(server.request().body().has("response_format"));
        anthropic().call(request(withSchema(messages("user", "File it."), TICKET),
                grants("model", "claude-sonnet-4-5", "structured", false)));
        JsonNode body = server.request().body();
        assertFalse(body.has("tools") || body.has("tool_choice"));
    }

    @Test
    void aSchemaStrictModeCannotHoldIsNotSentToOpenAiButStillToAnthropic() throws Exception {
        String withMap = """
                {"type":"object","properties":{"counts":{"type":"object","additionalProperties":{"type":"integer"}}},
                 "required":["counts"],"additionalProperties":false}""";
        server.reply(200, OPENAI_JSON_REPLY).reply(200, ANTHROPIC_TOOL_REPLY);
        openAi().call(request(withSchema(messages("user", "Count."), withMap), grants("model", "gpt-4o-mini")));
        assertFalse(server.request().body().has("response_format"), "a map's keys cannot be named in strict mode");
        anthropic().call(request(withSchema(messages("user", "Count."), withMap), grants("model", "claude-sonnet-4-5")));
        ProviderSchemaRules.anthropicForcedTool(server.request().body());
    }

    @Test
    void aRootThatIsNotAnObjectIsSentToNeither() throws Exception {
        String list = """
                {"type":"array","items":{"type":"string"}}""";
        server.reply(200, Recorded.OPENAI_REPLY).reply(200, Recorded.ANTHROPIC_REPLY);
        openAi().call(request(withSchema(messages("user", "List."), list), grants("model", "gpt-4o-mini")));
        assertFalse(server.request().body().has("response_format"));
        anthropic().call(request(withSchema(messages("user", "List."), list), grants("model", "claude-sonnet-4-5")));
        assertFalse(server.request().body().has("tools"));
    }

    @Test
    void aSchemaThatIsNotJsonIsAToolFailureAndNothingIsSent() {
        ObjectNode input = messages("user", "x").deepCopy();
        input.put(LlmChat.RESPONSE_SCHEMA, "{not json");
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> openAi().call(request(input, grants("model", "gpt-4o-mini"))));
        assertTrue(f.getMessage().startsWith("input `response_schema` is not JSON"), f.getMessage());
        assertEquals(0, server.pending());
    }
}
