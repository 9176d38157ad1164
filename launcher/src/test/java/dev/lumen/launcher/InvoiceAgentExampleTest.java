package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.runtime.store.KeyFile;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoice agent of examples/ end to end: against loopback servers speaking the Anthropic Messages and
 * OpenAI Chat Completions wire formats, then again from the cache, and offline from the cache the example
 * ships. The launcher runs as a child process, so that the provider's environment can be set.
 */
class InvoiceAgentExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of("..", "examples", "invoice_agent.lm.md");
    /** What the model answers: the invoice of the example's sample text. */
    static final String REPLY = "{\"id\": \"INV-20931\", \"vendor\": \"ACME Tooling Ltd.\", \"total\": 206.5, "
            + "\"currency\": \"EUR\", \"items\": [{\"description\": \"torque wrench\", \"quantity\": 3, "
            + "\"unit_price\": 42.5}, {\"description\": \"hex bit set\", \"quantity\": 10, \"unit_price\": 7.9}]}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.add(body);
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        keys.add(key != null ? key : exchange.getRequestHeaders().getFirst("Authorization"));
        String text = JSON.writeValueAsString(REPLY);
        String response = path.equals("/v1/messages") ? """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-20250514", "content": [{"type": "text", "text": %s}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 92, "output_tokens": 71}}
                """.formatted(text) : """
                {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
                 "model": "claude-sonnet-4-20250514",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "refusal": null},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 92, "completion_tokens": 71, "total_tokens": 163}}
                """.formatted(text);
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Path copyOfExample() throws IOException {
        return Files.copy(EXAMPLE, dir.resolve("invoice_agent.lm.md"));
    }

    /** {@code lumen ARGS} in a child JVM with {@code env} added to its environment. */
    static EmitCommandTest.Run child(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = childProcess(env, args);
        Path out = Files.createTempFile("lumen-out", ".txt");
        Path err = Files.createTempFile("lumen-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lumen " + String.join(" ", args) + " did not finish in 60 s");
        }
        EmitCommandTest.Run run = new EmitCommandTest.Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /**
     * {@code lumen ARGS} in a JVM of its own on this test's classes, with {@code env} added to the environment
     * and the user's model keys taken out of it, standard input empty.
     */
    static ProcessBuilder childProcess(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("ANTHROPIC_")
                || k.startsWith("OTEL_") // the tests' collector, never the user's
                || (k.startsWith("LUMEN_") && !k.equals(KeyFile.VARIABLE))); // the tests' key, never the user's
        pb.environment().putAll(env);
        return pb;
    }

    private static void assertTheInvoice(String out) throws IOException {
        JsonNode invoice = JSON.readTree(out);
        assertEquals("INV-20931", invoice.get("id").textValue());
        assertEquals(206.5, invoice.get("total").doubleValue());
        assertEquals(2, invoice.get("items").size());
        assertEquals(10, invoice.get("items").get(1).get("quantity").intValue());
    }

    private Trace latest(Path root) {
        Store store = Store.at(root);
        return TraceReader.read(store, store.runIds().getLast());
    }

    @Test
    void runsAgainstTheAnthropicMessagesApiThenFromTheCache() throws Exception {
        Path doc = copyOfExample();
        EmitCommandTest.Run first = child(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "ANTHROPIC_API_KEY", "sk-ant-test"), "run", doc.toString());
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertTheInvoice(first.out());

        assertEquals(List.of("/v1/messages"), paths);
        assertEquals("sk-ant-test", keys.getFirst());
        JsonNode request = requests.getFirst();
        assertEquals("claude-sonnet-4-20250514", request.get("model").textValue());
        assertEquals(2000, request.get("max_tokens").intValue());
        assertEquals(0.0, request.get("temperature").doubleValue());
        assertTrue(request.get("system").textValue().startsWith("You are a strict JSON invoice extractor."), request.toString());
        assertEquals(1, request.get("messages").size());
        assertEquals("user", request.get("messages").get(0).get("role").textValue());
        assertTrue(request.get("messages").get(0).get("content").toString().contains("INV-20931"), request.toString());

        Trace trace = latest(dir);
        var verification = TraceVerifier.verify(Store.at(dir), Store.at(dir).runIds().getLast());
        assertTrue(verification.ok(), verification.toString());
        TraceEvent call = trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).findFirst().orElseThrow();
        assertEquals(92, call.json().get("usage").get("gen_ai.usage.input_tokens").intValue());
        assertEquals(71, call.json().get("usage").get("gen_ai.usage.output_tokens").intValue());

        EmitCommandTest.Run again = lumen("run", doc.toString(), "--offline");
        assertEquals(ExitCodes.OK, again.status(), again.err());
        assertEquals(first.out(), again.out());
        assertEquals(1, requests.size(), "the re-run is answered from the cache");
        assertEquals(trace.events().getLast().hash(), latest(dir).events().getLast().hash(),
                "the cached re-run has the first run's hash chain");
    }

    @Test
    void runsAgainstAnOpenAiCompatibleEndpoint() throws Exception {
        Path doc = copyOfExample();
        EmitCommandTest.Run run = child(Map.of("LUMEN_LLM_PROVIDER", "openai",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), "run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTheInvoice(run.out());
        assertEquals(List.of("/v1/chat/completions"), paths);
        JsonNode messages = requests.getFirst().get("messages");
        assertEquals("system", messages.get(0).get("role").textValue());
        assertEquals("user", messages.get(1).get("role").textValue());
        assertEquals("claude-sonnet-4-20250514", requests.getFirst().get("model").textValue());
    }

    /** Copies the model reply the example ships in its tool cache into the store of {@code dir}. */
    static void copyShippedCache(Path dir) throws IOException {
        Path shipped = EXAMPLE.getParent().resolve(".lumen");
        try (Stream<Path> files = Files.walk(shipped.resolve("cache"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(".lumen").resolve(shipped.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().contains("llm.chat")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void runsOfflineFromTheCacheTheExampleShips() throws Exception {
        Path doc = copyOfExample();
        copyShippedCache(dir);
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--offline");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTheInvoice(run.out());
        EmitCommandTest.Run replay = lumen("replay", "last", "--store", dir.toString());
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertTrue(requests.isEmpty());
    }
}
