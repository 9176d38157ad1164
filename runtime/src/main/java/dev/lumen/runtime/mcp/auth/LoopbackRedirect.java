package dev.lumen.runtime.mcp.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.runtime.mcp.McpException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect URI of an interactive authorization (RFC 8252 §7.3): {@code http://127.0.0.1:PORT/callback} on a
 * port of its own, where the browser brings the authorization response. It answers that one request and closes.
 */
final class LoopbackRedirect implements AutoCloseable {
    static final String PATH = "/callback";

    /** The authorization server's answer: a code, or an error. */
    record Answer(String code, String error, String description) {
    }

    private final HttpServer server;
    private final String state;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server, String state) {
        this.server = server;
        this.state = state;
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Listens on {@code port} if it is free (the port of a redirect URI registered before), else on a port the
     * system picks (0 asks for that at once).
     */
    static LoopbackRedirect open(int port, String state, String label) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            try {
                return new LoopbackRedirect(HttpServer.create(new InetSocketAddress(loopback, port), 0), state);
            } catch (BindException e) {
                return new LoopbackRedirect(HttpServer.create(new InetSocketAddress(loopback, 0), 0), state);
            }
        } catch (IOException e) {
            throw new McpException(label + ": cannot listen on " + loopback.getHostAddress()
                    + " for the authorization server's redirect: " + e.getMessage());
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /**
     * Waits at most {@code timeout} for the redirect.
     *
     * @throws McpException when it does not come in time
     */
    Answer await(Duration timeout, String label) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new McpException(label + ": the authorization was not completed within " + timeout.toSeconds()
                    + " s (no redirect to " + uri() + " came); run again to retry, or set "
                    + AuthEnvironment.TIMEOUT_VARIABLE + " to wait longer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(label + ": the authorization was interrupted");
        } catch (ExecutionException e) {
            throw new McpException(label + ": the authorization failed: " + e.getCause().getMessage());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                reply(exchange, 404, "Not found.");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!state.equals(query.get("state"))) {
                // not the answer to this authorization request (or a forged one): keep waiting for it
                reply(exchange, 400, "This redirect does not answer Lumen's authorization request (its state differs).");
                return;
            }
            if (query.containsKey("error")) {
                reply(exchange, 200, "Lumen was not authorized: " + query.get("error") + ". You can close this tab.");
                answer.complete(new Answer(null, query.get("error"), query.getOrDefault("error_description", "")));
            } else if (query.get("code") == null || query.get("code").isEmpty()) {
                reply(exchange, 400, "The redirect holds no authorization code.");
                answer.complete(new Answer(null, "invalid_request", "the redirect holds no authorization code"));
            } else {
                reply(exchange, 200, "Lumen is authorized. You can close this tab.");
                answer.complete(new Answer(query.get("code"), null, null));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><title>Lumen</title><p>" + text + "</p>\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
