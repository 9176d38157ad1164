package dev.lumen.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Streamable HTTP MCP server on loopback that is also its own authorization server, just enough to authorize
 * a client as MCP authorization asks: protected resource and authorization server metadata, dynamic
 * registration, the authorization endpoint (which redirects at once, as a user who consents), and a token
 * endpoint for authorization codes (PKCE S256 checked) and refresh tokens. Access tokens live {@code lifetime}
 * seconds. It records the requests that matter, and every token it issued, so a test can look for them.
 */
final class OAuthMcpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final long lifetime;
    private final Map<String, Long> accessTokens = new HashMap<>();
    private final List<String> refreshTokens = new ArrayList<>();
    private final Map<String, String> challenges = new HashMap<>();
    private final List<String> seen = new ArrayList<>();

    OAuthMcpServer(long lifetimeSeconds) throws IOException {
        this.lifetime = lifetimeSeconds;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String address() {
        return base() + "/mcp";
    }

    /** What it was asked, in order: {@code authorize}, {@code register}, {@code token GRANT}, {@code mcp METHOD}, {@code mcp 401}. */
    synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** Every access and refresh token it issued. */
    synchronized List<String> tokens() {
        List<String> all = new ArrayList<>(accessTokens.keySet());
        all.addAll(refreshTokens);
        return all;
    }

    private synchronized void see(String what) {
        seen.add(what);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, Map.of("resource", address(),
                        "authorization_servers", List.of(base())));
                case "/.well-known/oauth-authorization-server" -> json(exchange, 200, metadata());
                case "/register" -> {
                    see("register");
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    json(exchange, 201, Map.of("client_id", "client-1", "redirect_uris", body.path("redirect_uris"),
                            "token_endpoint_auth_method", "none"));
                }
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/mcp" -> mcp(exchange);
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        }
    }

    private Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", base());
        m.put("authorization_endpoint", base() + "/authorize");
        m.put("token_endpoint", base() + "/token");
        m.put("registration_endpoint", base() + "/register");
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("scopes_supported", List.of("notes", "offline_access"));
        return m;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        see("authorize");
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String code = "code-" + UUID.randomUUID();
        synchronized (this) {
            challenges.put(code, q.get("code_challenge"));
        }
        String location = q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state");
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        see("token " + grant);
        synchronized (this) {
            boolean good = switch (grant) {
                case "authorization_code" -> challenges.containsKey(form.get("code"))
                        && s256(form.get("code_verifier")).equals(challenges.remove(form.get("code")));
                case "refresh_token" -> refreshTokens.contains(form.get("refresh_token"));
                default -> false;
            };
            if (!good) {
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            String access = "access-" + UUID.randomUUID();
            accessTokens.put(access, Instant.now().getEpochSecond() + lifetime);
            String refresh = "refresh-" + UUID.randomUUID();
            refreshTokens.add(refresh);
            json(exchange, 200, Map.of("access_token", access, "token_type", "Bearer", "expires_in", lifetime,
                    "refresh_token", refresh, "scope", "notes offline_access"));
        }
    }

    private void mcp(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            see("mcp 401");
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\", resource_metadata=\""
                    + base() + "/.well-known/oauth-protected-resource/mcp\"");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 405 : 200, -1);
            return;
        }
        JsonNode message = JSON.readTree(exchange.getRequestBody());
        String method = message.path("method").asText();
        see("mcp " + method);
        if (!message.has("id")) {
            exchange.sendResponseHeaders(202, -1);
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", message.get("id"));
        ObjectNode result = answer.putObject("result");
        switch (method) {
            case "initialize" -> {
                result.put("protocolVersion", "2025-11-25");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "notes").put("version", "1");
            }
            case "tools/list" -> result.putArray("tools").addObject().put("name", "note")
                    .putObject("inputSchema").put("type", "object");
            case "tools/call" -> result.putArray("content").addObject().put("type", "text").put("text", "noted");
            default -> {
                // an empty result
            }
        }
        json(exchange, 200, answer);
    }

    private synchronized boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Long expiry = accessTokens.get(header.substring("Bearer ".length()));
        return expiry != null && Instant.now().getEpochSecond() < expiry;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
