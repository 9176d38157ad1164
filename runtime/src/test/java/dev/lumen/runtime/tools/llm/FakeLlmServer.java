package dev.lumen.runtime.tools.llm;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A provider endpoint on 127.0.0.1 (an ephemeral port) that records each request and answers with the next
 * scripted reply, as OpenAI's or Anthropic's API would. A delayed reply waits at most its delay, and no longer
 * than until the server is closed.
 */
final class FakeLlmServer implements AutoCloseable {
    /** A request as the server received it; {@code body} is its JSON. */
    record Received(String method, String path, Headers headers, JsonNode body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Scripted(int status, Map<String, String> headers, byte[] body, long delayMs) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<Scripted> replies = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, with no trailing slash. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request with this status, JSON body and headers (name, value, name, value, …). */
    FakeLlmServer reply(int status, String body, String... headers) {
        return replyAfter(0, status, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    FakeLlmServer replyAfter(long delayMs, int status, byte[] body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        replies.add(new Scripted(status, h, body, delayMs));
        return this;
    }

    /** The next request the server received, waiting at most two seconds for it. */
    Received request() throws InterruptedException {
        Received r = received.poll(2, TimeUnit.SECONDS);
        assertNotNull(r, "the server received no request");
        return r;
    }

    /** How many requests arrived that {@link #request()} has not taken. */
    int pending() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), text.isEmpty() ? null : CanonicalJson.parse(text)));
            Scripted reply = replies.poll();
            if (reply == null) {
                reply = new Scripted(599, Map.of(), "no reply scripted".getBytes(StandardCharsets.UTF_8), 0);
            }
            if (reply.delayMs() > 0 && closing.await(reply.delayMs(), TimeUnit.MILLISECONDS)) {
                return;
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up on this reply (a timeout or a body over its cap): nothing more to send
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(2, TimeUnit.SECONDS);
    }
}
