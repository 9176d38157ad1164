package dev.lumen.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Anthropic Messages API on loopback, for documents that call `llm.chat`: it answers the
 * queued reply texts in turn (then "no more replies"), each reply reporting 40 input and 12 output tokens, and
 * keeps every request body. {@link #environment()} points a run at it.
 */
final class LoopbackAnthropic implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Deque<String> replies = new ArrayDeque<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final LoopbackHttp http;
    private volatile long delayMillis;

    LoopbackAnthropic() throws IOException {
        http = new LoopbackHttp(this::answer);
    }

    /** Queues {@code text} as the next reply. */
    synchronized void reply(String text) {
        replies.add(text);
    }

    /** Makes every reply wait {@code millis} before it is sent, as a model thinking. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** The request bodies received, in order. */
    List<JsonNode> requests() {
        return requests;
    }

    /** The environment of a run that calls this server with a test key. */
    Map<String, String> environment() {
        return Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + http.port(), "ANTHROPIC_API_KEY", "sk-ant-test");
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(JSON.readTree(exchange.getRequestBody()));
        String text;
        synchronized (this) {
            text = JSON.writeValueAsString(replies.isEmpty() ? "no more replies" : replies.removeFirst());
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        LoopbackHttp.respond(exchange, 200, """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
                 "content": [{"type": "text", "text": %s}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 40, "output_tokens": 12}}
                """.formatted(text));
    }

    @Override
    public void close() {
        http.close();
    }
}
