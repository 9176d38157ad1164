package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client capabilities a server grant gives (mcp-bridge-v1.md §11.3), used by the reference server
 * server-everything, whose tools that ask the client exist only for a client declaring the capability: roots,
 * elicitation by the grant's policy or the run's {@code --mcp-elicitation}, and sampling answered by a granted
 * {@code llm.chat} alias (a loopback OpenAI-compatible endpoint here), traced, cached and replayed.
 */
@Timeout(180)
class McpClientCapabilitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A link to server-everything's entry point. */
    private Path everything;

    @BeforeEach
    void setUp() throws IOException {
        everything = Files.createSymbolicLink(dir.resolve("everything.js"), McpTestPeers.entryPoint("everything"));
        Files.createDirectories(dir.resolve(".lumen"));
    }

    /** A document importing server-everything with {@code lines} (grants and a `run` cell) after the import. */
    private Path document(String lines) throws IOException {
        return Files.writeString(dir.resolve("asks.lm.md"), "```lumen\nuse tool mcp \"stdio:node " + everything
                + "\" as Everything\n" + lines + "```\n");
    }

    private List<TraceEvent> toolCalls() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast()).events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
    }

    /** The requests the server sent during (or before) a call, as its event records them. */
    private static JsonNode requests(TraceEvent call) {
        return call.json().path("server").path("requests");
    }

    @Test
    void rootsAreListedFromTheGrantAndEveryRequestIsTraced() throws IOException {
        Path doc = document("""
                grant Everything roots "data"
                grant Everything.`get-roots-list`

                cell run() -> String
                  let roots = Everything.`get-roots-list`()
                  return roots.text
                end
                """);
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTrue(run.out().contains(dir.resolve("data").toUri().toString()), run.out());
        // the server asks for the roots as soon as the session begins: traced with the first call
        JsonNode requests = requests(toolCalls().getFirst());
        assertEquals("roots/list", requests.get(0).get("method").textValue(), requests.toString());
        assertEquals(dir.resolve("data").toUri().toString(),
                requests.get(0).path("result").path("roots").get(0).path("uri").textValue());
    }

    @Test
    void elicitationFollowsTheGrantUnlessTheRunSaysOtherwise() throws IOException {
        Path doc = document("""
                grant Everything elicitation "decline"
                grant Everything.`trigger-elicitation-request` timeout_ms 20000

                cell run() -> String
                  let answer = Everything.`trigger-elicitation-request`()
                  return answer.text
                end
                """);
        EmitCommandTest.Run declined = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, declined.status(), declined.err());
        assertTrue(declined.out().contains("User declined to provide the requested information"), declined.out());
        assertEquals("decline", requests(toolCalls().getFirst()).get(0).path("result").path("action").textValue());

        // The form requires `name`, which has no default: `defaults` cannot answer it, and says so.
        EmitCommandTest.Run defaults = lumen("run", "--mcp-elicitation", "defaults", doc.toString());
        assertEquals(ExitCodes.ERRORS, defaults.status(), defaults.out());
        assertTrue(defaults.err().startsWith("error: `Everything.trigger-elicitation-request` (of stdio:node "),
                defaults.err());
        assertTrue(defaults.err().contains("asked for input (elicitation/create: \"Please provide inputs for the "
                + "following fields:\"), but the required property `name` has no default for elicitation "
                + "\"defaults\" to answer with"), defaults.err());
        TraceEvent failed = toolCalls().getFirst();
        assertEquals("tool", failed.errorKind());
        assertEquals(-32600, requests(failed).get(0).path("error").path("code").intValue());
    }

    @Test
    void anElicitationPolicyOnTheCommandLineMustBeOne() throws IOException {
        Path doc = document("cell run() -> Int\n  return 1\nend\n");
        EmitCommandTest.Run run = lumen("run", "--mcp-elicitation", "always", doc.toString());
        assertEquals(ExitCodes.USAGE, run.status(), run.err());
        assertTrue(run.err().startsWith("error: `--mcp-elicitation always` is not a policy\n"), run.err());
        assertTrue(run.err().contains("= help: write one of defaults, decline, fail"), run.err());
    }

    @Test
    void samplingIsACallOfTheGrantedModelTracedCachedAndReplayed() throws Exception {
        List<JsonNode> asked = Collections.synchronizedList(new ArrayList<>());
        try (LoopbackHttp model = new LoopbackHttp(exchange -> {
            asked.add(JSON.readTree(exchange.getRequestBody()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            LoopbackHttp.respond(exchange, 200, """
                    {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-test-0613",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from the model."},
                                  "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}}
                    """);
        })) {
            Path doc = document("""
                    use tool llm.chat as Chat
                    grant Chat model "gpt-test" max_tokens 50
                    grant Everything sampling "Chat"
                    grant Everything.`trigger-sampling-request` timeout_ms 20000

                    cell run() -> String
                      let answer = Everything.`trigger-sampling-request`(prompt: "greet me")
                      return answer.text
                    end
                    """);
            Map<String, String> env = Map.of("LUMEN_LLM_PROVIDER", "openai",
                    "OPENAI_BASE_URL", "http://127.0.0.1:" + model.port() + "/v1");
            EmitCommandTest.Run run = InvoiceAgentExampleTest.child(env, "run", doc.toString());
            assertEquals(ExitCodes.OK, run.status(), run.err());
            assertTrue(run.out().contains("Hello from the model."), run.out());
            assertTrue(run.out().contains("gpt-test-0613"), "the model that replied: " + run.out());

            assertEquals(1, asked.size());
            JsonNode messages = asked.getFirst().get("messages");
            assertEquals("You are a helpful test server.", messages.get(0).get("content").textValue());
            assertEquals("system", messages.get(0).get("role").textValue());
            assertEquals("Resource trigger-sampling-request context: greet me",
                    messages.get(1).get("content").textValue());
            assertEquals(50, asked.getFirst().get("max_tokens").intValue(), "the grant decides, not the server");

            // The model call comes before the MCP call it was made for, like any call of Chat.
            List<TraceEvent> calls = toolCalls();
            assertEquals(List.of("llm.chat", "mcp:stdio:node " + everything + "#trigger-sampling-request"),
                    calls.stream().map(TraceEvent::toolId).toList());
            assertEquals("sampling/createMessage", requests(calls.get(1)).get(0).get("method").textValue());

            EmitCommandTest.Run replay = lumen("replay", "last", "--store", dir.toString());
            assertEquals(ExitCodes.OK, replay.status(), replay.err());
            assertEquals(run.out(), replay.out());
            assertTrue(replay.err().contains("the recorded hash chain"), replay.err());

            // The server asks again on the next run; the cache answers for the model.
            EmitCommandTest.Run again = InvoiceAgentExampleTest.child(env, "run", doc.toString());
            assertEquals(ExitCodes.OK, again.status(), again.err());
            assertEquals(1, asked.size(), "the model was asked again");
            assertTrue(toolCalls().getFirst().cached(), "the model call was not answered from the cache");
        }
    }
}
