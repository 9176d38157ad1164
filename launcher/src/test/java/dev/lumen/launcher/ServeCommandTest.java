package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen serve --mcp}: a document's cells called by the MCP SDK's client over stdio and Streamable HTTP. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SHOP = """
            # Shop

            ```lumen
            use tool json.parse as Parse
            use tool fs.read as Read
            grant Parse
            grant Read path "./public"

            record Order
              sku: String where length(sku) >= 3
              qty: Int where qty > 0 and qty <= 10
            end

            record Receipt
              sku: String
              total: Float
            end

            # Prices an order of a product.
            cell price(order: Order, unit: Float) -> Receipt
              return Receipt { sku: order.sku, total: to_float(order.qty) * unit }
            end

            # Reads an order from JSON text.
            cell parse_order(text: String) -> result[Order, ValidationError]
              return validate(schema Order, Parse(text: text))
            end

            # Reads a file of the shop.
            cell read(path: String) -> String
              return Read(path: path)
            end

            cell _helper() -> Int
              return 1
            end

            cell run() -> Int
              return 0
            end
            ```
            """;

    @TempDir
    Path dir;

    private Path shop() throws IOException {
        Path doc = dir.resolve("shop.lm.md");
        Files.writeString(doc, SHOP);
        Files.createDirectories(dir.resolve("public"));
        Files.writeString(dir.resolve("public/hello.txt"), "hello");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        return doc;
    }

    static McpSyncClient client(io.modelcontextprotocol.spec.McpClientTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static String text(McpSchema.CallToolResult result, int block) {
        return ((McpSchema.TextContent) result.content().get(block)).text();
    }

    private McpSyncClient stdio(Path doc) {
        return stdio(doc, dir, line -> { });
    }

    /**
     * The client's stdio session with {@code lumen serve --mcp DOC --store STORE OPTIONS} in a JVM of its own, on
     * this test's classes; {@code stderr} gets each line the server writes on standard error.
     */
    static McpSyncClient stdio(Path doc, Path store, Consumer<String> stderr, String... options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--mcp", doc.toString(), "--store", store.toString()));
        args.addAll(List.of(options));
        ServerParameters server = ServerParameters.builder(java).args(args).build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JSON));
        transport.setStdErrorHandler(stderr);
        return client(transport);
    }

    @Test
    void aStdioClientListsTheCellsAndCallsOne() throws IOException {
        try (McpSyncClient client = stdio(shop())) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertEquals(List.of("price", "parse_order", "read"), tools.stream().map(McpSchema.Tool::name).toList(),
                    "every cell but run and the _helpers");
            McpSchema.Tool price = tools.getFirst();
            assertEquals("Prices an order of a product.", price.description());
            assertEquals(json(Map.of("type", "integer", "exclusiveMinimum", 0, "maximum", 10)),
                    json(price.inputSchema()).at("/$defs/Order/properties/qty"));
            assertEquals(json(List.of("sku", "total")), json(price.outputSchema()).get("required"));

            McpSchema.CallToolResult result = call(client, "price", Map.of("order", Map.of("sku", "ABC", "qty", 3),
                    "unit", 2.5));
            assertFalse(result.isError(), () -> text(result, 0));
            assertEquals(json(Map.of("sku", "ABC", "total", 7.5)), json(result.structuredContent()));
            assertEquals("{\"sku\":\"ABC\",\"total\":7.5}", text(result, 0));
        }
    }

    @Test
    void argumentsAndErrThatDoNotValidateAreToolErrorsWithTheirFieldErrors() throws IOException {
        try (McpSyncClient client = stdio(shop())) {
            McpSchema.CallToolResult bad = call(client, "price", Map.of("order", Map.of("sku", "AB", "qty", 11),
                    "unit", "2"));
            assertTrue(bad.isError());
            assertNull(bad.structuredContent());
            JsonNode error = JSON.readTree(text(bad, 1)).get("error");
            assertEquals("argument", error.get("kind").asText());
            assertEquals(List.of("order.sku", "order.qty", "unit"), error.get("errors").findValuesAsText("path"));
            assertEquals("qty > 0 and qty <= 10", error.get("errors").get(1).get("constraint").asText());
            assertTrue(text(bad, 0).startsWith("3 validation errors for the arguments of `price`"), text(bad, 0));

            McpSchema.CallToolResult err = call(client, "parse_order", Map.of("text", "{\"sku\": \"ABCD\", \"qty\": 0}"));
            assertTrue(err.isError(), "an err of a result[T, ValidationError] is a tool error");
            JsonNode fieldErrors = JSON.readTree(text(err, 1)).at("/error/errors");
            assertEquals("qty", fieldErrors.get(0).get("path").asText());
            JsonNode attempts = JSON.readTree(text(err, 1)).at("/error/attempts");
            assertEquals(1, attempts.size(), "one validation is one attempt");
            assertEquals(fieldErrors, attempts.get(0));

            McpSchema.CallToolResult ok = call(client, "parse_order", Map.of("text", "{\"sku\": \"ABCD\", \"qty\": 2}"));
            assertEquals(json(Map.of("sku", "ABCD", "qty", 2)), json(ok.structuredContent()));
        }
    }

    @Test
    void theDocumentsGrantsHoldForServedCalls() throws IOException {
        try (McpSyncClient client = stdio(shop())) {
            McpSchema.CallToolResult allowed = call(client, "read", Map.of("path", "public/hello.txt"));
            assertEquals(json(Map.of("result", "hello")), json(allowed.structuredContent()), () -> text(allowed, 0));
            McpSchema.CallToolResult refused = call(client, "read", Map.of("path", "secret.txt"));
            assertTrue(refused.isError());
            JsonNode error = JSON.readTree(text(refused, 1)).get("error");
            assertEquals("policy", error.get("kind").asText());
            assertTrue(error.get("message").asText().contains("is not allowed by its grant"), error.toString());
            assertTrue(error.get("location").asText().startsWith(dir.resolve("shop.lm.md") + ":"), error.toString());
        }
    }

    @Test
    void everyCallIsARunTracedAndCachedInTheDocumentsStore() throws IOException {
        try (McpSyncClient client = stdio(shop())) {
            Map<String, Object> arguments = Map.of("text", "{\"sku\": \"ABCD\", \"qty\": 2}");
            call(client, "parse_order", arguments);
            call(client, "parse_order", arguments);
        }
        Store store = Store.at(dir);
        List<String> runs = store.runIds();
        assertEquals(2, runs.size(), "one run per call");
        Trace first = TraceReader.read(store, runs.get(0));
        Trace second = TraceReader.read(store, runs.get(1));
        assertEquals("parse_order", first.start().cell());
        assertEquals(List.of(false), parses(first), "the first call performs json.parse");
        assertEquals(List.of(true), parses(second), "the second is answered from the cache, as a second run is");
    }

    private static List<Boolean> parses(Trace trace) {
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).map(TraceEvent::cached).toList();
    }

    @Test
    void aStreamableHttpClientCallsACell() throws Exception {
        Path doc = shop();
        StringWriter err = new StringWriter();
        int[] status = {-1};
        Thread server = new Thread(() -> status[0] = Main.execute(new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), "serve", "--mcp", doc.toString(), "--http", "127.0.0.1:0", "--store",
                dir.toString()));
        server.start();
        try {
            URI url = awaitUrl(err, server);
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder("http://" + url.getRawAuthority()).endpoint(url.getPath())
                    .jsonMapper(new JacksonMcpJsonMapper(JSON)).build();
            try (McpSyncClient client = client(transport)) {
                McpSchema.CallToolResult result = call(client, "price",
                        Map.of("order", Map.of("sku", "XYZ", "qty", 2), "unit", 1.25));
                assertEquals(json(Map.of("sku", "XYZ", "total", 2.5)), json(result.structuredContent()));
            }
        } finally {
            server.interrupt();
            server.join(20_000);
        }
        assertFalse(server.isAlive(), "the server stops when its thread is interrupted");
        assertEquals(ExitCodes.OK, status[0], err.toString());
    }

    private static URI awaitUrl(StringWriter err, Thread server) throws InterruptedException {
        Pattern url = Pattern.compile("at (http://\\S+/mcp)");
        for (int i = 0; i < 600; i++) {
            Matcher m = url.matcher(err.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            assertTrue(server.isAlive(), err::toString);
            Thread.sleep(100);
        }
        throw new AssertionError("lumen serve did not listen: " + err);
    }

    // ------------------------------------------------------------------------------------ bad input

    @Test
    void aDocumentWithErrorsIsReportedWithItsLocationAndServesNothing() throws IOException {
        Path doc = dir.resolve("broken.lm.md");
        Files.writeString(doc, "```lumen\ncell f() -> Int\n  return \"x\"\nend\n```\n");
        EmitCommandTest.Run run = lumen("serve", "--mcp", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().contains("--> " + doc + ":3:10"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingFileIsAUsageError() {
        EmitCommandTest.Run run = lumen("serve", "--mcp", dir.resolve("nowhere.lm.md").toString());
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().startsWith("error: couldn't read `"), run.err());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void aPortInUseIsAClearError() throws IOException {
        Path doc = shop();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EmitCommandTest.Run run = lumen("serve", "--mcp", doc.toString(), "--http", "127.0.0.1:"
                    + taken.getLocalPort(), "--store", dir.toString());
            assertEquals(ExitCodes.ERRORS, run.status(), run.err());
            assertTrue(run.err().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void aMalformedAddressAndADocumentWithNothingToServeAreRefused() throws IOException {
        Path doc = shop();
        EmitCommandTest.Run address = lumen("serve", "--mcp", doc.toString(), "--http", "::1:80");
        assertEquals(ExitCodes.USAGE, address.status());
        assertTrue(address.err().contains("write an IPv6 host in brackets"), address.err());
        Path empty = dir.resolve("empty.lm.md");
        Files.writeString(empty, "```lumen\ncell run() -> Int\n  return 1\nend\n```\n");
        EmitCommandTest.Run nothing = lumen("serve", "--mcp", empty.toString());
        assertEquals(ExitCodes.ERRORS, nothing.status());
        assertTrue(nothing.err().contains("has no cell to serve"), nothing.err());
    }
}
