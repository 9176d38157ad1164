package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A recorded http.get response is revalidated with the validators it carries, against a real server. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RevalidationTest {

    private static JsonNode get(LoopbackServer server, JsonNode input) {
        Grants grants = Grants.of(Map.of("domain", List.of("127.0.0.1:" + server.port())));
        return HttpTools.get(new ToolRequest("http.get", input, grants, new RunLimits())).output();
    }

    private static ObjectNode input(String url) {
        return JsonNodeFactory.instance.objectNode().put("url", url);
    }

    /** A page whose ETag is its content: 304 to a request that names it. */
    private static LoopbackServer page(AtomicReference<String> content) throws IOException {
        LoopbackServer server = new LoopbackServer();
        server.route("/page", exchange -> {
            String etag = "\"" + content.get() + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = content.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        return server;
    }

    @Test
    void anUnchangedPageIsNotModifiedAndAChangedOneIsSentAgain() throws IOException {
        AtomicReference<String> content = new AtomicReference<>("v1");
        try (LoopbackServer server = page(content)) {
            ObjectNode call = input(server.url("/page"));
            JsonNode recorded = get(server, call);
            JsonNode conditional = Revalidation.conditional(call, recorded).orElseThrow();
            assertEquals("{\"headers\":{\"If-None-Match\":\"\\\"v1\\\"\"},\"url\":\"" + server.url("/page") + "\"}",
                    CanonicalJson.write(conditional));
            assertTrue(Revalidation.notModified(get(server, conditional)));
            assertEquals("\"v1\"", server.received().get(1).header("if-none-match"));

            content.set("v2");
            JsonNode fresh = get(server, conditional);
            assertFalse(Revalidation.notModified(fresh));
            assertEquals(200, fresh.get("status").intValue());
        }
    }

    @Test
    void lastModifiedIsAskedWithIfModifiedSinceAndTheCallsOwnHeadersAreKept() {
        ObjectNode call = input("https://example.com/");
        call.putObject("headers").put("Accept", "text/html");
        ObjectNode recorded = JsonNodeFactory.instance.objectNode().put("status", 200).put("body", "");
        recorded.putObject("headers").put("last-modified", "Tue, 01 Dec 2026 10:00:00 GMT");
        JsonNode conditional = Revalidation.conditional(call, recorded).orElseThrow();
        assertEquals("{\"Accept\":\"text/html\",\"If-Modified-Since\":\"Tue, 01 Dec 2026 10:00:00 GMT\"}",
                CanonicalJson.write(conditional.get("headers")));
        assertEquals("{\"Accept\":\"text/html\"}", CanonicalJson.write(call.get("headers")), "the call is not changed");
    }

    @Test
    void aResponseWithoutValidatorsAnotherStatusOrAConditionalCallIsNotRevalidated() {
        ObjectNode call = input("https://example.com/");
        ObjectNode plain = JsonNodeFactory.instance.objectNode().put("status", 200).put("body", "");
        plain.putObject("headers").put("content-type", "text/plain");
        assertTrue(Revalidation.conditional(call, plain).isEmpty());

        ObjectNode missing = JsonNodeFactory.instance.objectNode().put("status", 404).put("body", "");
        missing.putObject("headers").put("etag", "\"x\"");
        assertTrue(Revalidation.conditional(call, missing).isEmpty());

        ObjectNode tagged = missing.deepCopy().put("status", 200);
        assertTrue(Revalidation.conditional(call, tagged).isPresent());
        call.putObject("headers").put("if-none-match", "*");
        assertTrue(Revalidation.conditional(call, tagged).isEmpty(), "the call asks its own conditional question");
    }
}
