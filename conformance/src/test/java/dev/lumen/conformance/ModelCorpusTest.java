package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model corpus: documents under {@code corpus/model} whose cells call `llm.chat`, run by {@code bin/lumen run}
 * against a loopback server speaking the Anthropic Messages API. {@code NAME.replies} is a JSON array of the
 * model's replies, answered in turn (every one must be asked for); {@code NAME.args} holds further arguments, as
 * in the run corpus. The goldens: {@code NAME.out} (a run that succeeds: its standard output) or {@code NAME.err}
 * (one that fails: its standard error), and {@code NAME.trace}, the shape of the run's trace — one line per
 * event, {@code SEQ KIND}, with the tool of a `tool_call` and the `seq` of the validation it repairs, and the
 * schema and outcome of a `schema_validate` — so the attempts a repair loop makes and their links are part of
 * the contract. The same run with {@code --offline} must then give the same output from the cache, asking the
 * model nothing, with the same hash chain.
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) writes the goldens from the run.
 */
class ModelCorpusTest {
    private static final Path MODEL = Corpus.ROOT.resolve("model");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUT = ".out";
    private static final String ERR = ".err";
    private static final String TRACE = ".trace";
    private static final String REPLIES = ".replies";

    private static HttpServer server;
    private static final Deque<String> replies = new ArrayDeque<>();
    private static int asked;

    @TempDir
    Path store;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ModelCorpusTest::answer);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** An Anthropic Messages reply whose text is the next reply of the document. */
    private static synchronized void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        asked++;
        String text = JSON.writeValueAsString(replies.isEmpty() ? "no more replies" : replies.removeFirst());
        byte[] bytes = """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
                 "content": [{"type": "text", "text": %s}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 40, "output_tokens": 12}}
                """.formatted(text).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @TestFactory
    Stream<DynamicTest> modelDocuments() {
        return Corpus.documents(MODEL).stream().map(document -> DynamicTest.dynamicTest(Corpus.name(document),
                document.toUri(), () -> ran(document)));
    }

    private void ran(Path document) throws Exception {
        Assumptions.assumeTrue(LumenScript.available(), "bin/lumen's launcher is not built");
        String file = document.toAbsolutePath().normalize().toString();
        // a store of its own: another document's cached replies answer nothing here
        Path at = Files.createDirectories(store.resolve(Corpus.name(document).replace('/', '_')));
        List<String> args = new ArrayList<>(List.of("run", "--color=never", "--store", at.toString(), file));
        args.addAll(Corpus.arguments(document));
        synchronized (ModelCorpusTest.class) {
            replies.clear();
            JSON.readTree(Corpus.read(Corpus.sibling(document, REPLIES))).forEach(r -> replies.add(r.textValue()));
            asked = 0;
        }
        int given = replies.size();
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "ANTHROPIC_API_KEY", "sk-ant-test");
        LumenScript.Result first = LumenScript.run(store, env, args.toArray(String[]::new));
        String shown = (first.status() == 0 ? first.out() : first.err()).replace(file, Corpus.name(document));
        assertEquals(given, asked, () -> Corpus.name(document) + ": the model is asked once per reply\n" + first.err());
        Trace trace = latest(at);
        String shape = shape(trace);
        String golden = first.status() == 0 ? OUT : ERR;
        if (Corpus.updating()) {
            Corpus.update(Corpus.sibling(document, golden), shown);
            Corpus.remove(Corpus.sibling(document, first.status() == 0 ? ERR : OUT));
            Corpus.update(Corpus.sibling(document, TRACE), shape);
        }
        for (String suffix : List.of(golden, TRACE)) {
            if (!Files.exists(Corpus.sibling(document, suffix))) {
                fail("no " + Corpus.name(Corpus.sibling(document, suffix)) + "; create it with " + Corpus.UPDATE_HINT
                        + ", then review it. The run gave:\n" + shown + "\n" + shape);
            }
        }
        assertEquals(Corpus.read(Corpus.sibling(document, golden)), shown, () -> Corpus.name(document) + ": output");
        assertEquals(Corpus.read(Corpus.sibling(document, TRACE)), shape, () -> Corpus.name(document) + ": trace");

        args.add("--offline");
        LumenScript.Result offline = LumenScript.run(store, env, args.toArray(String[]::new));
        assertEquals(first.status(), offline.status(), () -> Corpus.name(document) + " --offline:\n" + offline.err());
        assertEquals(first.out(), offline.out(), () -> Corpus.name(document) + " --offline: output");
        assertEquals(given, asked, () -> Corpus.name(document) + " --offline asked the model");
        assertEquals(trace.events().getLast().hash(), latest(at).events().getLast().hash(),
                () -> Corpus.name(document) + " --offline: the hash chain of the first run");
    }

    private static Trace latest(Path dir) {
        Store at = Store.at(dir);
        return TraceReader.read(at, at.runIds().getLast());
    }

    /** One line per event: its seq and kind, and what makes the attempts of a repair loop tell apart. */
    static String shape(Trace trace) {
        StringBuilder s = new StringBuilder();
        for (TraceEvent e : trace.events()) {
            JsonNode json = e.json();
            s.append(e.seq()).append(' ').append(e.kindName());
            switch (e.kind()) {
                case TOOL_CALL -> {
                    s.append(' ').append(json.path("tool_id").asText());
                    if (json.has("repairs")) {
                        s.append(" repairs ").append(json.get("repairs").asLong());
                    }
                }
                case SCHEMA_VALIDATE -> s.append(' ').append(json.path("schema").asText())
                        .append(json.path("valid").asBoolean() ? " valid" : " invalid");
                case CELL_START, CELL_END -> s.append(' ').append(e.cell());
                default -> {
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    @Test
    void everyDocumentHasItsRepliesAndEveryGoldenItsDocument() {
        for (Path document : Corpus.documents(MODEL)) {
            assertTrue(Files.exists(Corpus.sibling(document, REPLIES)), Corpus.name(document) + " has no " + REPLIES);
        }
        List<String> orphans = Stream.of(OUT, ERR, TRACE, REPLIES, Corpus.ARGS)
                .flatMap(suffix -> Corpus.files(MODEL, suffix).stream()
                        .filter(file -> !Files.exists(Corpus.documentOf(file, suffix))))
                .map(Corpus::name)
                .toList();
        assertEquals(List.of(), orphans, "goldens or sidecars without a document (renamed or deleted?)");
        assertTrue(Corpus.documents(MODEL).size() >= 5, "the model corpus was not found under " + MODEL);
    }
}
