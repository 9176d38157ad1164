package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client capabilities a server grant gives (mcp-bridge-v1.md §11.3), against a server that asks for each
 * (misbehaving_server.py, mode client-features) and answers with what the client said; every request and its
 * answer is kept for the trace.
 */
@Timeout(30)
class ClientCapabilitiesTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private McpServer connect(Map<String, List<Object>> grant) {
        try {
            Path script = Path.of(getClass().getResource("misbehaving_server.py").toURI());
            return McpConnector.connect("stdio:python3 " + McpPeers.quote(script.toString()) + " client-features",
                    McpSettings.of(dir).withTimeouts(SHORT, SHORT).withGrant(new McpServerGrant(grant)));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the server's tool answered: the client's answer to the server's request, as canonical JSON. */
    private static String answered(McpServer server, String tool, String arguments) {
        JsonNode result = server.call(tool, CanonicalJson.parse(arguments), SHORT);
        return CanonicalJson.write(CanonicalJson.parse(result.get("text").textValue()));
    }

    private static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "expected «" + expected + "» in: " + message);
    }

    @Test
    void elicitationDefaultsAcceptsWithEachDefault() {
        try (McpServer server = connect(Map.of("elicitation", List.of("defaults")))) {
            assertEquals("{\"result\":{\"action\":\"accept\",\"content\":{\"age\":36,\"name\":\"Ada\"}}}",
                    answered(server, "elicit", "{}"));
            List<McpServerRequest> asked = server.takeServerRequests();
            assertEquals(1, asked.size());
            assertEquals("elicitation/create", asked.get(0).method());
            assertEquals("Who are you?", asked.get(0).params().get("message").textValue());
            assertEquals("{\"action\":\"accept\",\"content\":{\"age\":36,\"name\":\"Ada\"}}",
                    CanonicalJson.write(asked.get(0).result()));
            assertEquals(List.of(), server.takeServerRequests(), "taken once");
        }
    }

    @Test
    void elicitationDefaultsFailsTheCallWhenARequiredPropertyHasNoDefault() {
        try (McpServer server = connect(Map.of("elicitation", List.of("defaults")))) {
            McpException error = assertThrows(McpException.class,
                    () -> server.call("elicit", CanonicalJson.parse("{\"required\": true}"), SHORT));
            assertContains("asked for input (elicitation/create: \"Who are you?\"), but the required property "
                    + "`nickname` has no default for elicitation \"defaults\" to answer with", error.getMessage());
            McpServerRequest asked = server.takeServerRequests().get(0);
            assertEquals(-32600, asked.errorCode());
            assertContains("`nickname` has no default", asked.errorMessage());
        }
    }

    @Test
    void elicitationDeclineDeclines() {
        try (McpServer server = connect(Map.of("elicitation", List.of("decline")))) {
            assertEquals("{\"result\":{\"action\":\"decline\"}}", answered(server, "elicit", "{}"));
        }
    }

    @Test
    void elicitationFailAnswersAnErrorAndFailsTheCall() {
        try (McpServer server = connect(Map.of("elicitation", List.of("fail")))) {
            long start = System.nanoTime();
            McpException error = assertThrows(McpException.class,
                    () -> server.call("elicit", CanonicalJson.parse("{}"), Duration.ofSeconds(20)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the call waited for its timeout");
            assertContains("asked for input (elicitation/create: \"Who are you?\"), and its grant answers "
                    + "elicitation with \"fail\"", error.getMessage());
            assertEquals(-32600, server.takeServerRequests().get(0).errorCode());
        }
    }

    @Test
    void rootsAreTheGrantedPathsAsFileUris() {
        Path absolute = dir.resolve("elsewhere").toAbsolutePath();
        try (McpServer server = connect(Map.of("roots", List.of("data", absolute.toString())))) {
            JsonNode roots = CanonicalJson.parse(answered(server, "roots", "{}")).get("result").get("roots");
            assertEquals(java.util.Set.of("data " + dir.resolve("data").toUri(), absolute + " " + absolute.toUri()),
                    java.util.Set.of(roots.get(0).get("name").textValue() + " " + roots.get(0).get("uri").textValue(),
                            roots.get(1).get("name").textValue() + " " + roots.get(1).get("uri").textValue()));
            // asked once as soon as the session began, and once during the call
            List<McpServerRequest> asked = server.takeServerRequests();
            assertEquals(List.of("roots/list", "roots/list"), asked.stream().map(McpServerRequest::method).toList());
        }
    }

    @Test
    void samplingIsAnsweredByTheRunOnTheCallingThread() {
        List<String> calls = new ArrayList<>();
        Thread caller = Thread.currentThread();
        try (McpServer server = connect(Map.of("sampling", List.of("Chat")))) {
            server.sampler((alias, input) -> {
                assertSame(caller, Thread.currentThread(), "sampling ran off the program's thread");
                calls.add(alias + " " + CanonicalJson.write(input));
                return new McpSampler.Reply("Hello.", "model-1");
            });
            assertEquals("{\"result\":{\"content\":{\"text\":\"Hello.\",\"type\":\"text\"},\"model\":\"model-1\","
                    + "\"role\":\"assistant\",\"stopReason\":\"endTurn\"}}", answered(server, "sample", "{}"));
            assertEquals(List.of("Chat {\"messages\":[{\"content\":\"Be brief.\",\"role\":\"system\"},"
                    + "{\"content\":\"Say hello\",\"role\":\"user\"}]}"), calls);
            assertEquals("sampling/createMessage", server.takeServerRequests().get(0).method());
        }
    }

    @Test
    void aFailureOfTheSamplingCallStopsTheCall() {
        try (McpServer server = connect(Map.of("sampling", List.of("Chat")))) {
            IllegalStateException budget = new IllegalStateException("the token budget is spent");
            server.sampler((alias, input) -> {
                throw budget;
            });
            assertSame(budget, assertThrows(IllegalStateException.class,
                    () -> server.call("sample", CanonicalJson.parse("{}"), SHORT)));
        }
    }

    @Test
    void samplingWithNoRunToAnswerIsRefused() {
        try (McpServer server = connect(Map.of("sampling", List.of("Chat")))) {
            String answer = answered(server, "sample", "{}");
            assertContains("\"code\":-32603", answer);
            assertContains("Lumen did not answer sampling/createMessage: no run is there to answer it", answer);
        }
    }

    @Test
    void withoutAGrantEveryRequestIsRefusedAtOnceAndRecorded() {
        try (McpServer server = connect(Map.of())) {
            assertEquals("{\"error\":{\"code\":-32601,\"message\":\"Method not found: elicitation/create\"}}",
                    answered(server, "elicit", "{}"));
            assertContains("-32601", answered(server, "sample", "{}"));
            assertContains("-32601", answered(server, "roots", "{}"));
            assertEquals(List.of(-32601, -32601, -32601),
                    server.takeServerRequests().stream().map(McpServerRequest::errorCode).toList());
        }
    }
}
