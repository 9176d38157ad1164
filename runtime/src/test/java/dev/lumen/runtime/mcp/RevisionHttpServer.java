package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Streamable HTTP MCP server on loopback, just enough for a session: it answers {@code initialize} with the
 * revision it was made with, lists no tools, and records the {@code MCP-Protocol-Version} header of every request
 * as {@code "WHAT HEADER"} (WHAT the JSON-RPC method, {@code GET} or {@code DELETE}; HEADER {@code -} when absent).
 */
class RevisionHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String revision;
    private final HttpServer server;
    private final List<String> seen = new ArrayList<>();

    RevisionHttpServer(String revision) throws IOException {
        this.revision = revision;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** The requests seen so far, in order. */
    synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    private synchronized void see(String what, HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        seen.add(what + " " + (header == null ? "-" : header));
    }

    /**
     * Answers a request in a way of a server of its own, returning whether it did: {@code message} is the
     * JSON-RPC message of a POST, null for a GET or a DELETE. This server answers every request itself.
     */
    protected boolean answered(HttpExchange exchange, JsonNode message) throws IOException {
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                see(exchange.getRequestMethod(), exchange);
                if (answered(exchange, null)) {
                    return;
                }
                // no stream to offer on GET; a DELETE ends the session
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 405 : 200, -1);
                return;
            }
            JsonNode message = JSON.readTree(exchange.getRequestBody());
            String method = message.path("method").asText("response");
            see(method, exchange);
            if (answered(exchange, message)) {
                return;
            }
            if (!message.has("id")) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", message.get("id"));
            ObjectNode result = answer.putObject("result");
            if (method.equals("initialize")) {
                result.put("protocolVersion", revision);
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "revision-http").put("version", "1");
                exchange.getResponseHeaders().add("Mcp-Session-Id", "session-1");
            } else if (method.equals("tools/list")) {
                result.putArray("tools");
            }
            byte[] body = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
