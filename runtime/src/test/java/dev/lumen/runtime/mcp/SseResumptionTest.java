package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSE stream answering a {@code tools/call} resumes when the server ends it before the answer
 * (mcp-bridge-v1.md §3.2): after the {@code retry} time, by a GET with {@code Last-Event-ID}; and when it cannot
 * be resumed, the call fails at once, saying why.
 */
@Timeout(30)
class SseResumptionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /**
     * Answers {@code tools/call} with a stream holding one event (the id and retry it is made with, no data) that
     * it then ends; a GET that resumes it gets {@code resumed} as the answer, or {@code refusal} as its status.
     */
    private static final class EndingStreams extends RevisionHttpServer {
        private final String id;
        private final int retry;
        private final int refusal;
        private final List<String> resumptions = new ArrayList<>();
        private volatile long ended;

        EndingStreams(String id, int retry, int refusal) throws IOException {
            super("2025-03-26");
            this.id = id;
            this.retry = retry;
            this.refusal = refusal;
        }

        @Override
        protected boolean answered(HttpExchange exchange, JsonNode message) throws IOException {
            if (message == null) {
                String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                if (last == null) {
                    return false; // the stream the SDK opens by itself: refused (405)
                }
                synchronized (this) {
                    resumptions.add(last + " after " + (System.nanoTime() - ended) / 1_000_000 + " ms, session "
                            + exchange.getRequestHeaders().getFirst("Mcp-Session-Id"));
                }
                if (refusal != 0) {
                    exchange.sendResponseHeaders(refusal, -1);
                    return true;
                }
                sse(exchange, "event: message\nid: " + id + "-2\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + pending
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"resumed\"}]}}\n\n");
                return true;
            }
            String method = message.path("method").asText();
            if (method.equals("tools/list")) {
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":{\"tools\":[{\"name\":"
                        + "\"slow\",\"inputSchema\":{\"type\":\"object\"}}]}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return true;
            }
            if (method.equals("tools/call")) {
                pending = message.get("id").toString();
                sse(exchange, (id == null ? "" : "id: " + id + "\n") + (retry < 0 ? "" : "retry: " + retry + "\n")
                        + "data: \n\n");
                ended = System.nanoTime(); // the exchange closes, ending the stream, as this returns
                return true;
            }
            return false;
        }

        private volatile String pending;

        private static void sse(HttpExchange exchange, String events) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(events.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        }

        synchronized List<String> resumptions() {
            return List.copyOf(resumptions);
        }
    }

    private JsonNode call(EndingStreams server) {
        try (McpServer client = McpConnector.connect(server.address(), McpSettings.of(dir).withTimeouts(WAIT, WAIT))) {
            return client.call("slow", CanonicalJson.parse("{}"), WAIT);
        }
    }

    @Test
    void anEndedStreamResumesAfterTheRetryTimeWithTheLastEventId() throws IOException {
        try (EndingStreams server = new EndingStreams("ev-7", 400, 0)) {
            assertEquals("resumed", call(server).get("text").textValue());
            List<String> resumptions = server.resumptions();
            assertEquals(1, resumptions.size(), resumptions.toString());
            String[] words = resumptions.get(0).split(" ");
            assertEquals("ev-7", words[0]);
            long after = Long.parseLong(words[2]);
            assertTrue(after >= 390 && after < 1500, "resumed " + after + " ms after the stream ended, retry 400");
            assertEquals("session-1", words[5], "the resuming GET carries the session");
        }
    }

    @Test
    void withoutRetryTheStreamResumesAfterASecond() throws IOException {
        try (EndingStreams server = new EndingStreams("ev-1", -1, 0)) {
            assertEquals("resumed", call(server).get("text").textValue());
            long after = Long.parseLong(server.resumptions().get(0).split(" ")[2]);
            assertTrue(after >= 990, "resumed " + after + " ms after the stream ended, with no retry given");
        }
    }

    @Test
    void aStreamWithoutAnEventIdCannotResumeAndTheCallFailsAtOnce() throws IOException {
        try (EndingStreams server = new EndingStreams(null, 100, 0)) {
            long start = System.nanoTime();
            McpException error = assertThrows(McpException.class, () -> call(server));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "the call waited for its timeout");
            assertEquals("MCP server \"" + server.address() + "\": the server ended the event stream of a request "
                    + "before answering it, and gave no event id to resume it from", error.getMessage());
            assertEquals(List.of(), server.resumptions());
        }
    }

    @Test
    void aRefusedResumptionFailsTheCallSayingSo() throws IOException {
        try (EndingStreams server = new EndingStreams("ev-3", 50, 405)) {
            McpException error = assertThrows(McpException.class, () -> call(server));
            assertTrue(error.getMessage().endsWith("refused to resume it (HTTP 405 to a GET with Last-Event-ID)"),
                    error.getMessage());
        }
    }
}
