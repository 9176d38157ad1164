package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which tool calls the cache answers (run.md §6.3): with the cache on, only pure calls; reads and writes are
 * performed on every run (a fetch whose response is still valid by its ETag excepted); offline, the cache stands
 * in for every call but a local read and says so; a replay performs nothing.
 */
class CachePolicyTest {

    @TempDir
    Path dir;

    private static final String SAVE = """
            ```lumen
            use tool fs.write as Save
            grant Save path "out"

            cell run(text: String) -> String
              Save(path: "out/note.txt", content: text)
              return "saved"
            end
            ```
            """;

    private static final String READ = """
            ```lumen
            use tool fs.read as Read
            grant Read path "data"

            cell run() -> String
              return Read(path: "data/f.txt")
            end
            ```
            """;

    private Path document(Path folder, String program) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("doc.lm.md"), program);
    }

    private TraceEvent lastToolCall() {
        Store store = Store.at(dir);
        Trace trace = TraceReader.read(store, store.runIds().getLast());
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).reduce((a, b) -> b).orElseThrow();
    }

    private static EmitCommandTest.Run ok(String... args) {
        EmitCommandTest.Run run = lumen(args);
        assertEquals(ExitCodes.OK, run.status(), run.err());
        return run;
    }

    // ------------------------------------------------------------------------------------ writes

    @Test
    void aWriteIsPerformedOnEveryRun() throws IOException {
        Path doc = document(dir, SAVE);
        Path note = Files.createDirectories(dir.resolve("out")).resolve("note.txt");
        ok("run", doc.toString(), "--arg", "text=hello");
        assertEquals("hello", Files.readString(note));
        Files.delete(note);
        ok("run", doc.toString(), "--arg", "text=hello");
        assertEquals("hello", Files.readString(note), "the second run wrote the file again");
        assertFalse(lastToolCall().cached());
        assertTrue(Files.isDirectory(Store.at(dir).dir().resolve("cache/fs.write")), "recorded, for --offline");
    }

    @Test
    void offlineAWriteIsNotPerformedAndTheRunSaysSo() throws IOException {
        Path doc = document(dir, SAVE);
        Path note = Files.createDirectories(dir.resolve("out")).resolve("note.txt");
        EmitCommandTest.Run cold = lumen("run", doc.toString(), "--offline", "--color=never", "--arg", "text=hi");
        assertEquals(ExitCodes.ERRORS, cold.status());
        assertTrue(cold.err().startsWith("error: offline: `Save` (fs.write) has no cached output"), cold.err());
        assertFalse(Files.exists(note));

        ok("run", doc.toString(), "--arg", "text=hi");
        Files.delete(note);
        EmitCommandTest.Run offline = ok("run", doc.toString(), "--offline", "--arg", "text=hi");
        assertEquals("\"saved\"\n", offline.out());
        assertTrue(offline.err().matches("offline: did not perform `Save` \\(fs\\.write\\); answered with the output "
                + "recorded on \\d{4}-\\d{2}-\\d{2} at \\d{2}:\\d{2} UTC\n"), offline.err());
        assertFalse(Files.exists(note), "an offline run writes nothing");
        TraceEvent call = lastToolCall();
        assertFalse(call.performed(), call.json().toString());
        assertTrue(call.cached());
        assertTrue(TraceVerifier.verify(Store.at(dir), Store.at(dir).runIds().getLast()).ok());
    }

    @Test
    void aReplayPerformsNothing() throws IOException {
        Path doc = document(dir, SAVE);
        Path note = Files.createDirectories(dir.resolve("out")).resolve("note.txt");
        ok("run", doc.toString(), "--arg", "text=once");
        Files.delete(note);
        EmitCommandTest.Run replay = ok("replay", "last", "--store=" + dir);
        assertEquals("\"saved\"\n", replay.out());
        assertFalse(Files.exists(note));
    }

    // ------------------------------------------------------------------------------------ reads of files

    @Test
    void anEditedFileIsReadAfresh() throws IOException {
        Path doc = document(dir, READ);
        Path data = Files.createDirectories(dir.resolve("data")).resolve("f.txt");
        Files.writeString(data, "first");
        assertEquals("\"first\"\n", ok("run", doc.toString()).out());
        Files.writeString(data, "second");
        assertEquals("\"second\"\n", ok("run", doc.toString()).out());
        assertFalse(lastToolCall().cached());
        Files.writeString(data, "third");
        EmitCommandTest.Run offline = ok("run", doc.toString(), "--offline");
        assertEquals("\"third\"\n", offline.out(), "a local read is performed even offline");
        assertEquals("", offline.err());
    }

    /** Two identical documents in two folders under one store: each reads its own file, and never the other's entry. */
    @Test
    void twoFoldersSharingAStoreTouchTheirOwnFiles() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        Path a = document(dir.resolve("a"), READ + SAVE.replace("cell run(", "cell save("));
        Path b = document(dir.resolve("b"), READ + SAVE.replace("cell run(", "cell save("));
        Files.writeString(Files.createDirectories(dir.resolve("a/data")).resolve("f.txt"), "from a");
        Files.writeString(Files.createDirectories(dir.resolve("b/data")).resolve("f.txt"), "from b");
        Files.createDirectories(dir.resolve("a/out"));
        Files.createDirectories(dir.resolve("b/out"));
        assertEquals("\"from a\"\n", ok("run", a.toString()).out());
        assertEquals("\"from b\"\n", ok("run", b.toString()).out());
        assertEquals(2, Store.at(dir).runIds().size(), "both runs use the one store");

        ok("run", a.toString(), "--cell", "save", "--arg", "text=x");
        EmitCommandTest.Run other = lumen("run", b.toString(), "--cell", "save", "--offline", "--arg", "text=x");
        assertEquals(ExitCodes.ERRORS, other.status(), "a's write does not answer b's: " + other.err());
        assertTrue(other.err().contains("has no cached output"), other.err());
    }

    // ------------------------------------------------------------------------------------ HTTP

    private LoopbackHttp server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** What every path serves; /tagged gives it as its ETag too. */
    private final AtomicReference<String> page = new AtomicReference<>("v1");

    @BeforeEach
    void startServer() throws IOException {
        server = new LoopbackHttp(exchange -> {
            String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (condition == null ? "" : " if-none-match " + condition));
            exchange.getRequestBody().readAllBytes();
            String etag = "\"" + page.get() + "\"";
            boolean tagged = exchange.getRequestURI().getPath().equals("/tagged");
            if (tagged) {
                exchange.getResponseHeaders().set("ETag", etag);
            }
            if (tagged && etag.equals(condition)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                LoopbackHttp.respond(exchange, 200, page.get());
            }
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Path fetching(String tool, String call) throws IOException {
        return document(dir, """
                ```lumen
                use tool %s as Call
                grant Call domain "127.0.0.1:%d"

                cell run(url: String) -> Bytes
                  return %s.body
                end
                ```
                """.formatted(tool, server.port(), call));
    }

    private String url(String path) {
        return "url=http://127.0.0.1:" + server.port() + path;
    }

    private static String body(String text) {
        return "\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"\n";
    }

    @Test
    void aPostReachesTheServerOnEveryRun() throws IOException {
        Path doc = fetching("http.post", "Call(url: url, body: \"order 1\")");
        ok("run", doc.toString(), "--arg", url("/orders"));
        ok("run", doc.toString(), "--arg", url("/orders"));
        assertEquals(List.of("POST /orders", "POST /orders"), requests);
        assertFalse(lastToolCall().cached());

        EmitCommandTest.Run offline = ok("run", doc.toString(), "--offline", "--arg", url("/orders"));
        assertEquals(2, requests.size(), "offline, nothing is sent");
        assertTrue(offline.err().startsWith("offline: did not perform `Call` (http.post); answered with the output"),
                offline.err());
    }

    @Test
    void aFetchIsPerformedAgainUnlessItsRecordedResponseIsStillValid() throws IOException {
        Path doc = fetching("http.get", "Call(url: url)");
        assertEquals(body("v1"), ok("run", doc.toString(), "--arg", url("/plain")).out());
        page.set("v2");
        assertEquals(body("v2"), ok("run", doc.toString(), "--arg", url("/plain")).out(), "no validator: fetched again");
        assertFalse(lastToolCall().cached());

        assertEquals(body("v2"), ok("run", doc.toString(), "--arg", url("/tagged")).out());
        assertEquals(body("v2"), ok("run", doc.toString(), "--arg", url("/tagged")).out());
        assertEquals("GET /tagged if-none-match \"v2\"", requests.getLast());
        assertTrue(lastToolCall().cached(), "304: the recorded response still holds");
        page.set("v3");
        assertEquals(body("v3"), ok("run", doc.toString(), "--arg", url("/tagged")).out(), "changed: the new response");
        assertFalse(lastToolCall().cached());

        int sent = requests.size();
        EmitCommandTest.Run offline = ok("run", doc.toString(), "--offline", "--arg", url("/tagged"));
        assertEquals(body("v3"), offline.out());
        assertEquals(sent, requests.size(), "offline, nothing is sent");
        assertTrue(offline.err().startsWith("offline: did not perform `Call` (http.get)"), offline.err());
    }
}
