package dev.lumen.launcher;

import static dev.lumen.launcher.InvoiceAgentExampleTest.child;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `Chat(…) expect schema T` run end to end: the request carries T's schema in the provider's structured-output
 * form, and the reply is still validated against T.
 */
class StructuredOutputRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = """
            @lumen 1
            @cache %s

            # Tickets

            ```lumen
            enum Priority
              low
              high
            end

            record Ticket
              title:    String where length(title) <= 80
              priority: Priority
              note:     String | Null
            end

            use tool llm.chat as Chat
            grant Chat model "%s"%s

            cell run() -> Ticket
              return Chat(
                role user:
                  File a ticket: the printer is on fire.
                end
              ) expect schema Ticket
            end
            ```
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String answer = "{\"title\": \"Printer on fire\", \"priority\": \"high\", \"note\": null}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(JSON.readTree(exchange.getRequestBody()));
        String response = exchange.getRequestURI().getPath().equals("/v1/messages") ? """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "tool_use", "id": "toolu_01", "name": "answer", "input": %s}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 40, "output_tokens": 20}}
                """.formatted(answer) : """
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "refusal": null},
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 40, "completion_tokens": 20, "total_tokens": 60}}
                """.formatted(JSON.writeValueAsString(answer));
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private EmitCommandTest.Run run(String model, String clauses) throws Exception {
        return run(DOCUMENT.formatted("off", model, clauses));
    }

    private EmitCommandTest.Run run(String document) throws Exception {
        Path doc = Files.writeString(dir.resolve("tickets.lm.md"), document);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return child(Map.of("ANTHROPIC_BASE_URL", base, "ANTHROPIC_API_KEY", "sk-ant-test",
                "OPENAI_BASE_URL", base + "/v1"), "run", doc.toString());
    }

    @Test
    void openAiIsSentTheTypeAsAStrictJsonSchema() throws Exception {
        EmitCommandTest.Run run = run("gpt-4o-mini", "");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("Printer on fire", JSON.readTree(run.out()).get("title").textValue());
        JsonNode format = requests.getFirst().get("response_format");
        assertEquals("json_schema", format.get("type").textValue(), requests.getFirst().toString());
        assertTrue(format.at("/json_schema/strict").booleanValue());
        JsonNode schema = format.at("/json_schema/schema");
        assertEquals(JSON.readTree("[\"title\",\"priority\",\"note\"]"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties").booleanValue());
        assertEquals(JSON.readTree("[\"low\",\"high\"]"), schema.at("/$defs/Priority/enum"));
        assertFalse(schema.at("/properties/title").has("maxLength"), "strict mode has no maxLength: Lumen checks it");
    }

    @Test
    void anthropicIsForcedToAnswerThroughATool() throws Exception {
        EmitCommandTest.Run run = run("claude-sonnet-4-5", "");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("high", JSON.readTree(run.out()).get("priority").textValue());
        JsonNode request = requests.getFirst();
        assertEquals("answer", request.at("/tool_choice/name").textValue(), request.toString());
        assertEquals("tool", request.at("/tool_choice/type").textValue());
        assertEquals(80, request.at("/tools/0/input_schema/properties/title/maxLength").intValue());
    }

    @Test
    void theReplyIsValidatedWhateverTheProviderPromised() throws Exception {
        answer = "{\"title\": \"" + "x".repeat(81) + "\", \"priority\": \"high\", \"note\": null}";
        EmitCommandTest.Run run = run("gpt-4o-mini", "");
        assertEquals(ExitCodes.ERRORS, run.status(), run.out());
        assertTrue(run.err().contains("title"), run.err());
    }

    @Test
    void theSchemaIsPartOfTheCacheKey() throws Exception {
        String cached = DOCUMENT.formatted("on", "gpt-4o-mini", "");
        assertEquals(ExitCodes.OK, run(cached).status());
        assertEquals(ExitCodes.OK, run(cached).status());
        assertEquals(1, requests.size(), "the second run is answered from the cache");
        EmitCommandTest.Run other = run(cached.replace("where length(title) <= 80", "where length(title) <= 90"));
        assertEquals(ExitCodes.OK, other.status(), other.err());
        assertEquals(2, requests.size(), "the same messages expecting another type are another request");
        assertTrue(requests.getLast().has("response_format"), "a cached call sends the schema too");
    }

    @Test
    void aReplyBoundByLetAndValidatedLaterIsSentTheSchema() throws Exception {
        String later = """
                  let reply = Chat(
                    role user:
                      File a ticket: the printer is on fire.
                    end
                  )
                  match validate(schema Ticket, reply)
                    ok(ticket) -> return ticket
                    err(e)     -> halt(e.message)
                  end
                end
                """;
        EmitCommandTest.Run run = run(withBody(later));
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("answer", requests.getFirst().at("/tool_choice/name").textValue(), requests.getFirst().toString());

        EmitCommandTest.Run prose = run(withBody(later.replace("halt(e.message)", "halt(\"{e.message}: {reply}\")")));
        assertEquals(ExitCodes.OK, prose.status(), prose.err());
        assertFalse(requests.getLast().has("tool_choice"), "a reply also read as text: " + requests.getLast());
    }

    /** The document with the body of `run` replaced by {@code body}, the cell's `end` included. */
    private static String withBody(String body) {
        String document = DOCUMENT.formatted("off", "claude-sonnet-4-5", "");
        return document.substring(0, document.indexOf("  return Chat(")) + body + "```\n";
    }

    @Test
    void structuredFalseAsksInProseOnly() throws Exception {
        run("claude-sonnet-4-5", " structured false");
        JsonNode request = requests.getFirst();
        assertFalse(request.has("tools") || request.has("tool_choice"), request.toString());
    }
}
