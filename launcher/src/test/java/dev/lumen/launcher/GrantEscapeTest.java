package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written LIR cannot get past the grants: the runtime reads the module's tool table, never the document,
 * and refuses what it does not grant with a policy error recorded in the trace.
 */
class GrantEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Emits {@code program}, lets {@code edit} change its first tool entry, and runs the module. */
    private EmitCommandTest.Run runEdited(String program, Consumer<ObjectNode> edit, String... args) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.lm.md"), program);
        Path lir = dir.resolve("doc.lir.json");
        EmitCommandTest.Run emit = lumen("emit", doc.toString(), "-o", lir.toString());
        assertEquals(ExitCodes.OK, emit.status(), emit.err());
        ObjectNode module = (ObjectNode) JSON.readTree(lir.toFile());
        edit.accept((ObjectNode) module.withArray("tools").get(0));
        Files.writeString(lir, JSON.writeValueAsString(module));
        String[] command = new String[args.length + 2];
        command[0] = "run";
        command[1] = lir.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return lumen(command);
    }

    private TraceEvent lastToolCall() {
        Store store = Store.at(dir);
        Trace trace = TraceReader.read(store, store.runIds().getLast());
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aToolWithoutAGrantIsRefused() throws IOException {
        String program = """
                ```lumen
                use tool json.parse as Parse
                grant Parse

                cell run() -> Json
                  return Parse(text: "[1]")
                end
                ```
                """;
        EmitCommandTest.Run r = runEdited(program, tool -> tool.putNull("grants"));
        assertEquals(ExitCodes.ERRORS, r.status());
        assertTrue(r.err().startsWith("error: `Parse` is not allowed by its grant (grant): it has no grant"), r.err());
        assertTrue(r.err().contains("--> " + dir.resolve("doc.lm.md") + ":6:10"), r.err());
        TraceEvent call = lastToolCall();
        assertEquals("policy", call.json().get("error_kind").textValue());
        assertEquals("json.parse", call.toolId());
    }

    // ------------------------------------------------------------------ through documents, as users write them

    private LoopbackHttp server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = new LoopbackHttp(exchange -> {
            hits.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/redirect")) {
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getQuery());
                exchange.sendResponseHeaders(302, -1);
            } else {
                LoopbackHttp.respond(exchange, 200, path.equals("/big") ? "x".repeat(5000) : "ok");
            }
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private int port() {
        return server.port();
    }

    /** Runs a document that fetches {@code url} under {@code grant}, and returns the run. */
    private EmitCommandTest.Run fetch(String grant, String url) throws IOException {
        Path doc = Files.writeString(dir.resolve("fetch.lm.md"), """
                ```lumen
                use tool http.get as Fetch
                grant Fetch %s

                cell run(url: String) -> Int
                  let response = Fetch(url: url)
                  return response.status
                end
                ```
                """.formatted(grant));
        return lumen("run", doc.toString(), "--arg", "url=" + url);
    }

    private void assertRefused(EmitCommandTest.Run run, String clause, String detail) {
        assertEquals(ExitCodes.ERRORS, run.status(), run.out());
        assertTrue(run.err().startsWith("error: `Fetch` (http.get) is not allowed by its grant (" + clause + "): "),
                run.err());
        assertTrue(run.err().contains(detail), run.err());
        TraceEvent call = lastToolCall();
        assertEquals("policy", call.json().get("error_kind").textValue(), call.json().toString());
    }

    @Test
    void aGrantedHostIsReachedAndAnotherIsNot() throws IOException {
        String granted = "domain \"localhost:" + port() + "\"";
        EmitCommandTest.Run ok = fetch(granted, "http://localhost:" + port() + "/");
        assertEquals(ExitCodes.OK, ok.status(), ok.err());
        assertEquals("200\n", ok.out());
        assertEquals(1, hits.get());

        assertRefused(fetch(granted, "http://127.0.0.1:" + port() + "/"), "domain", "host 127.0.0.1:" + port() + " is not granted");
        assertRefused(fetch(granted, "http://localhost:" + (port() == 65535 ? 1 : port() + 1) + "/"), "domain", "is not granted");
        assertRefused(fetch(granted, "http://localhost:" + port() + "@127.0.0.1:" + port() + "/"), "domain", "user information");
        assertRefused(fetch(granted, "file:///etc/passwd"), "domain", "scheme `file:` is not allowed");
        assertEquals(1, hits.get(), "no refused call reached the server");
    }

    @Test
    void aRedirectOffTheGrantIsRefusedAtThatHop() throws IOException {
        String granted = "domain \"localhost:" + port() + "\"";
        EmitCommandTest.Run run = fetch(granted, "http://localhost:" + port() + "/redirect?http://127.0.0.1:" + port() + "/");
        assertRefused(run, "domain", "127.0.0.1:" + port());
        assertEquals(1, hits.get(), "the redirect's target was never asked");
    }

    @Test
    void aBodyOverMaxResponseBytesIsRefused() throws IOException {
        assertRefused(fetch("domain \"localhost:" + port() + "\" max_response_bytes 1000",
                "http://localhost:" + port() + "/big"), "max_response_bytes", "1000");
    }

    @Test
    void aBurstOverTheRateLimitIsRefusedAtTheCallOverIt() throws IOException {
        Path doc = Files.writeString(dir.resolve("burst.lm.md"), """
                @cache off

                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "localhost:%d" rate_limit 2 per_minute

                cell run(url: String) -> Int
                  let mut total = 0
                  for i in range(0, 3)
                    total = total + Fetch(url: url).status
                  end
                  return total
                end
                ```
                """.formatted(port()));
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "url=http://localhost:" + port() + "/");
        assertRefused(run, "rate_limit", "`Fetch` was already called 2 times in the last minute (rate_limit 2"
                + " per_minute, counted over the runs sharing the store `" + dir.resolve(".lumen") + "`)");
        assertEquals(2, hits.get(), "the third call never left the process");
    }

    @Test
    void runsAtOnceOnOneStoreShareTheRateLimit() throws Exception {
        Path doc = Files.writeString(dir.resolve("once.lm.md"), """
                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "localhost:%d" rate_limit 3 per_minute

                cell run(url: String) -> Int
                  return Fetch(url: url).status
                end
                ```
                """.formatted(port()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<EmitCommandTest.Run> runs = new ArrayList<>();
        try {
            List<Future<EmitCommandTest.Run>> started = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String url = "http://localhost:" + port() + "/run" + i; // four calls the cache cannot answer
                started.add(pool.submit(() -> lumen("run", doc.toString(), "--arg", "url=" + url)));
            }
            for (Future<EmitCommandTest.Run> run : started) {
                runs.add(run.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, hits.get(), "four runs, one store, rate_limit 3 per_minute");
        List<EmitCommandTest.Run> refused = runs.stream().filter(r -> r.status() != ExitCodes.OK).toList();
        assertEquals(1, refused.size(), runs.toString());
        assertEquals(ExitCodes.ERRORS, refused.getFirst().status());
        assertTrue(refused.getFirst().err().startsWith("error: `Fetch` (http.get) is not allowed by its grant"
                + " (rate_limit): `Fetch` was already called 3 times in the last minute"), refused.getFirst().err());

        assertRefused(lumen("run", doc.toString(), "--arg", "url=http://localhost:" + port() + "/later"), "rate_limit",
                "3 times in the last minute");
        assertEquals(3, hits.get(), "a later run within the minute is refused too");
    }

    @Test
    void noDomainClauseMeansNoHost() throws IOException {
        assertRefused(fetch("timeout_ms 1000", "http://localhost:" + port() + "/"), "domain", "no domain clause");
        assertEquals(0, hits.get());
    }

    @Test
    void filesOutsideTheGrantedPathAreRefused() throws IOException {
        Path granted = Files.createDirectories(dir.resolve("data"));
        Files.writeString(granted.resolve("in.txt"), "inside");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(granted.resolve("link.txt"), dir.resolve("secret.txt"));
        Path doc = Files.writeString(dir.resolve("read.lm.md"), """
                ```lumen
                use tool fs.read as Read
                grant Read path "data"

                cell run(path: String) -> String
                  return Read(path: path)
                end
                ```
                """);
        EmitCommandTest.Run ok = lumen("run", doc.toString(), "--arg", "path=data/in.txt");
        assertEquals(ExitCodes.OK, ok.status(), ok.err());
        assertEquals("\"inside\"\n", ok.out());
        for (String escape : new String[] {"data/../secret.txt", dir.resolve("secret.txt").toString(), "data/link.txt"}) {
            EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "path=" + escape);
            assertEquals(ExitCodes.ERRORS, run.status(), escape + ": " + run.out());
            assertTrue(run.err().startsWith("error: `Read` (fs.read) is not allowed by its grant (path): "), run.err());
            assertEquals("policy", lastToolCall().json().get("error_kind").textValue());
        }
    }
}
