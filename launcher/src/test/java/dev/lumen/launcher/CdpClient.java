package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Chrome DevTools Protocol client over a WebSocket (the JDK's), as DevTools itself talks to the inspector:
 * commands with an id, answered by a result or an error, and events.
 */
final class CdpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final ProtocolInbox inbox;
    private final AtomicInteger ids = new AtomicInteger();

    private CdpClient(WebSocket socket, ProtocolInbox inbox) {
        this.socket = socket;
        this.inbox = inbox;
    }

    static CdpClient connect(URI address) throws Exception {
        ProtocolInbox inbox = new ProtocolInbox(message -> message.path("method").asText());
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(address, new Receiver(inbox))
                .get(DebuggedRun.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return new CdpClient(socket, inbox);
    }

    /** Sends {@code method} with {@code params} (name, value, ...) and returns its result; an error fails the test. */
    JsonNode send(String method, Object... params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        ObjectNode body = message.putObject("params");
        for (int i = 0; i < params.length; i += 2) {
            body.set((String) params[i], JSON.valueToTree(params[i + 1]));
        }
        CompletableFuture<JsonNode> answer = inbox.expect(id);
        socket.sendText(JSON.writeValueAsString(message), true).get(DebuggedRun.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        JsonNode response = ProtocolInbox.await(answer, method);
        if (response.has("error")) {
            fail(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    /** The params of the next event {@code method} whose params satisfy {@code test}; other events are passed over. */
    JsonNode awaitEvent(String method, Predicate<JsonNode> test) throws InterruptedException {
        return inbox.awaitEvent(method, message -> test.test(message.path("params"))).path("params");
    }

    /** Closes the connection: the inspector takes that as the debugger detaching. */
    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    /** Text frames joined into messages for the inbox (an event has no id). */
    private static final class Receiver implements WebSocket.Listener {
        private final ProtocolInbox inbox;
        private final StringBuilder text = new StringBuilder();

        Receiver(ProtocolInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message;
                try {
                    message = JSON.readTree(text.toString());
                } catch (Exception e) {
                    message = JSON.createObjectNode().put("method", "(unreadable: " + text + ")");
                }
                text.setLength(0);
                inbox.received(message, message.path("id").asInt(-1));
            }
            webSocket.request(1);
            return null;
        }
    }
}
