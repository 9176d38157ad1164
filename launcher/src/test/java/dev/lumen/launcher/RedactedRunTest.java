package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grant's {@code redact} clauses keep secrets out of everything a run writes under {@code .lumen/}: request
 * headers named in any case, response headers the client lower-cases, members of a JSON body, and the error
 * messages of failed calls. The program still sees the real values.
 */
class RedactedRunTest {
    private static final String TOKEN_BODY = "{\"token\":\"t\",\"user\":\"ada\"}";

    @TempDir
    Path dir;

    private LoopbackHttp server;
    /** The Authorization header of each request the server received. */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new LoopbackHttp(exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("authorization")));
            exchange.getResponseHeaders().set("X-API-KEY", "k");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            LoopbackHttp.respond(exchange, 200, TOKEN_BODY);
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Path document(String authorization) throws IOException {
        return Files.writeString(dir.resolve("fetch.lm.md"), """
                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "127.0.0.1:%d"
                  redact "authorization"
                  redact "X-Api-Key"
                  redact "/body/token"

                cell run() -> Bool
                  let response = Fetch(url: "http://127.0.0.1:%d/data", headers: {"Authorization": "%s"})
                  return get(response.headers, "x-api-key", "") == "k" and length(response.body) == %d
                end
                ```
                """.formatted(port(), port(), authorization, TOKEN_BODY.length()));
    }

    private int port() {
        return server.port();
    }

    private String store() {
        return "--store=" + dir;
    }

    /** Every file the runs wrote under {@code .lumen/}, as text. */
    private String recorded() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve(".lumen"))) {
            StringBuilder all = new StringBuilder();
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    all.append(f).append('\n').append(Files.readString(f)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return all.toString();
        }
    }

    private TraceEvent lastToolCall() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast()).events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL).reduce((a, b) -> b).orElseThrow();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headersInAnyCaseAndAJsonBodyMemberAreRedactedWhereTheRunWritesThem() throws IOException {
        Path doc = document("Bearer secret");
        for (int run = 0; run < 2; run++) { // the second run may not be answered with what the first kept
            EmitCommandTest.Run r = lumen("run", doc.toString(), store());
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("true\n", r.out(), "the program sees the real header and body");
        }
        JsonNode call = lastToolCall().json();
        JsonNode inputs = call.get("inputs");
        assertEquals("[redacted]", inputs.get("headers").get("Authorization").textValue(), inputs.toString());
        JsonNode outputs = call.get("outputs");
        assertEquals("[redacted]", outputs.get("headers").get("x-api-key").textValue(), outputs.toString());
        assertEquals("application/json", outputs.get("headers").get("content-type").textValue());
        assertEquals("{\"token\":\"[redacted]\",\"user\":\"ada\"}",
                new String(Base64.getDecoder().decode(outputs.get("body").textValue()), StandardCharsets.UTF_8));

        String written = recorded();
        assertFalse(written.contains("secret"), written);
        assertFalse(written.contains("\"k\""), written);
        assertFalse(written.contains(base64(TOKEN_BODY)), written);
        assertFalse(written.contains("\"t\""), written);

        assertEquals(List.of("Bearer secret", "Bearer secret"), authorizations,
                "the server got the real header, twice: an output with a redacted member is not cached");

        EmitCommandTest.Run verify = lumen("trace", "verify", "last", store());
        assertEquals(ExitCodes.OK, verify.status(), verify.err());
    }

    @Test
    void aFailedCallsMessageLosesTheRedactedValueItQuotes() throws IOException {
        Path doc = document("Bearer secret\\r\\nHost: evil.example");
        EmitCommandTest.Run r = lumen("run", doc.toString(), store());
        assertEquals(ExitCodes.ERRORS, r.status(), r.err());
        assertTrue(r.err().startsWith("error: `Fetch` (http.get) failed: header `Authorization` has a line break in its"
                + " value ([redacted]), which would start another header"), r.err());
        assertEquals(List.of(), authorizations, "nothing was sent");

        JsonNode call = lastToolCall().json();
        assertEquals("tool", call.get("error_kind").textValue());
        assertTrue(call.get("message").textValue().contains("([redacted])"), call.toString());
        String written = recorded();
        assertFalse(written.contains("secret"), written);
        assertFalse(written.contains("evil.example"), written);

        EmitCommandTest.Run verify = lumen("trace", "verify", "last", store());
        assertEquals(ExitCodes.OK, verify.status(), verify.err());
    }
}
