package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents of {@code examples/mcp}, run as they are written against the real MCP reference servers that
 * bin/mcp-peers installs next to them (over stdio, and over Streamable HTTP on loopback), then again from
 * their traces and the tool cache with the servers gone. Each test runs a copy, so the examples' own
 * {@code .lumen} is not touched.
 */
@Timeout(120)
class McpExamplesTest {
    @TempDir
    Path dir;

    /** The copy of examples/mcp. */
    private Path examples;
    /** Its link to the installed servers, removed to show that a replay needs none. */
    private Path servers;

    @BeforeEach
    void copyTheExamples() throws IOException {
        String peers = System.getProperty("lumen.mcp.peers");
        Path source = peers == null ? null : Path.of(peers).getParent().getParent();
        if (source == null || !Files.isDirectory(source.resolve("node_modules"))) {
            fail("the MCP servers of examples/mcp are not installed (" + source + "); run bin/mcp-peers");
        }
        Files.createDirectories(dir.resolve(".lumen")); // the copy's store, not one further up
        examples = Files.createDirectories(dir.resolve("mcp"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".lm.md")).toList()) {
                Files.copy(f, examples.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(examples.resolve("data"));
        Files.copy(source.resolve("data/config.json"), examples.resolve("data/config.json"));
        servers = Files.createSymbolicLink(examples.resolve("node_modules"), source.resolve("node_modules").toAbsolutePath());
    }

    private String doc(String name) {
        return examples.resolve(name).toString();
    }

    private EmitCommandTest.Run ok(String... args) {
        EmitCommandTest.Run run = lumen(args);
        assertEquals(ExitCodes.OK, run.status(), run.err());
        return run;
    }

    private List<TraceEvent> lastToolCalls() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast()).events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
    }

    private String lastRun() {
        String id = Store.at(dir).runIds().getLast();
        assertTrue(TraceVerifier.verify(Store.at(dir), id).ok(), "the trace of " + id + " verifies");
        return id;
    }

    /** Replays the last run and runs the document offline, both with the servers gone: the same output. */
    private void replayWithTheServersGone(String document, EmitCommandTest.Run live) throws IOException {
        String id = lastRun();
        Files.delete(servers);
        assertEquals(live.out(), ok("replay", id, "--store", dir.toString()).out());
        assertEquals(live.out(), ok("run", doc(document), "--offline").out());
        for (TraceEvent call : lastToolCalls()) {
            assertTrue(call.json().get("cached").booleanValue(), call.json().toString());
            assertFalse(call.performed(), "an MCP call stood in for offline says so: " + call.json());
            assertFalse(call.json().has("server"), "no server answered a cached call");
        }
    }

    @Test
    void everythingEchoesAddsAndReturnsStructuredContent() throws IOException {
        EmitCommandTest.Run run = ok("run", doc("everything.lm.md"));
        assertEquals("{\"conditions\":\"Light rain / drizzle\",\"echoed\":\"Echo: hello from Lumen\","
                + "\"sum\":\"The sum of 2 and 3.5 is 5.5.\",\"warm\":true}\n", run.out());
        List<TraceEvent> calls = lastToolCalls();
        assertEquals(List.of("echo", "get-sum", "get-structured-content"),
                calls.stream().map(c -> c.toolId().substring(c.toolId().indexOf('#') + 1)).toList());
        for (TraceEvent call : calls) {
            assertTrue(call.toolId().startsWith("mcp:stdio:node node_modules/"), call.toolId());
            JsonNode server = call.json().get("server");
            assertEquals("mcp-servers/everything", server.get("name").textValue(), call.json().toString());
            assertEquals("2025-11-25", server.get("protocol_version").textValue());
        }
        assertTrue(Files.readString(dir.resolve(".lumen/lock.json")).contains("\"get-structured-content\""),
                "the run recorded the server's manifest in the lock file");
        replayWithTheServersGone("everything.lm.md", run);
    }

    @Test
    void readConfigReadsInsideItsDirectoryAndIsRefusedOutside() throws IOException {
        EmitCommandTest.Run run = ok("run", doc("read_config.lm.md"));
        assertEquals("{\"name\":\"billing\",\"retries\":3}\n", run.out());

        EmitCommandTest.Run outside = lumen("run", doc("read_config.lm.md"), "--cell", "read", "--arg", "path=../everything.lm.md");
        assertEquals(ExitCodes.ERRORS, outside.status());
        assertTrue(outside.err().startsWith("error: `Files.read_text_file` (of stdio:node "), outside.err());
        assertTrue(outside.err().contains("the server reported an error: Access denied - path outside allowed directories"),
                outside.err());
        assertTrue(outside.err().contains("--> " + doc("read_config.lm.md") + ":17:14"), outside.err());

        ok("run", doc("read_config.lm.md")); // the successful run again, so that it is the last one
        replayWithTheServersGone("read_config.lm.md", run);
    }

    @Test
    void memoryCreatesEntitiesAndReadsThemBackTheSameEachRun() throws IOException {
        EmitCommandTest.Run run = ok("run", doc("memory.lm.md"));
        assertEquals("[\"Lumen (language): Markdown that executes\",\"Truffle (framework): partial evaluation\"]\n",
                run.out());
        deleteTree(dir.resolve(".lumen/cache")); // so that the server is asked again
        EmitCommandTest.Run again = ok("run", doc("memory.lm.md"));
        assertEquals(run.out(), again.out());
        replayWithTheServersGone("memory.lm.md", again);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theCommittedLockFileTypesTheExamplesWithNoServer() throws IOException {
        Files.delete(servers);
        Path source = Path.of(System.getProperty("lumen.mcp.peers")).getParent().getParent();
        Files.copy(source.resolveSibling(".lumen").resolve("lock.json"), dir.resolve(".lumen/lock.json"));
        try (Stream<Path> files = Files.list(examples)) {
            for (Path doc : files.filter(f -> f.toString().endsWith(".lm.md")).sorted().toList()) {
                EmitCommandTest.Run check = lumen("check", "--color=never", doc.toString());
                assertEquals(ExitCodes.OK, check.status(), check.err());
                assertEquals("", check.err());
            }
        }
    }

    @Test
    void aStringOutsideAnArgumentsEnumIsACompileError() throws IOException {
        Path everything = examples.resolve("everything.lm.md");
        ok("lock", everything.toString());
        Files.writeString(everything, Files.readString(everything).replace("(location: \"Chicago\")", "(location: \"Chicgo\")"));
        EmitCommandTest.Run check = lumen("check", "--color=never", everything.toString());
        assertEquals(ExitCodes.ERRORS, check.status());
        assertTrue(check.err().startsWith("error[E0012]: argument `location` of MCP tool `Everything.get-structured-content` "
                + "is not one of the values its schema allows"), check.err());
        assertTrue(check.err().contains("not one of `New York`, `Chicago` and `Los Angeles`"), check.err());
        assertTrue(check.err().contains("= help: did you mean `Chicago`?"), check.err());
    }

    @Test
    void toolsLsListsAServersToolsWithTheirLumenTypes() {
        String address = "stdio:node " + servers.resolve("@modelcontextprotocol/server-everything/dist/index.js") + " stdio";
        EmitCommandTest.Run ls = ok("tools", "ls", "--mcp", address);
        List<String> lines = ls.out().lines().toList();
        assertTrue(lines.getFirst().matches("TOOL +ARGUMENTS +RETURNS +DESCRIPTION"), lines.getFirst());
        assertTrue(lines.stream().anyMatch(l -> l.matches("get-sum +a: Float, b: Float +McpContent +Returns the sum.*")), ls.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("get-structured-content +location: String +"
                + "\\{temperature: Float, conditions: String, humidity: Float\\} .*")), ls.out());
        assertEquals("mcp-servers/everything 2.0.0, MCP 2025-11-25", lines.getLast());

        EmitCommandTest.Run missing = lumen("tools", "ls", "--mcp", "stdio:no-such-mcp-server");
        assertEquals(ExitCodes.ERRORS, missing.status());
        assertEquals("error: MCP server \"stdio:no-such-mcp-server\" cannot start: the command `no-such-mcp-server` is not "
                + "on PATH\n", missing.err());
    }

    @Test
    void anMcpToolWithoutAGrantInHandEditedLirIsAPolicyError() throws IOException {
        Path lir = dir.resolve("everything.lir.json");
        ok("lock", doc("everything.lm.md"));
        ok("emit", doc("everything.lm.md"), "-o", lir.toString());
        ObjectNode module = (ObjectNode) CanonicalJson.parse(Files.readString(lir));
        for (JsonNode tool : module.get("tools")) {
            ((ObjectNode) tool).putNull("grants");
        }
        Files.writeString(lir, CanonicalJson.write(module));
        EmitCommandTest.Run run = lumen("run", lir.toString(), "--store", dir.toString());
        assertEquals(ExitCodes.ERRORS, run.status(), run.out());
        assertTrue(run.err().startsWith("error: `Everything.echo` is not allowed by its grant (grant): it has no grant"),
                run.err());
        assertEquals("policy", lastToolCalls().getLast().json().get("error_kind").textValue());
    }

    @Test
    void everythingOverStreamableHttp() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path http = examples.resolve("everything_http.lm.md");
        String text = Files.readString(http);
        assertTrue(text.contains("\"http://127.0.0.1:3001/mcp\""), "the example's address");
        Files.writeString(http, text.replace("127.0.0.1:3001", "127.0.0.1:" + port));
        ProcessBuilder builder = new ProcessBuilder("node",
                servers.resolve("@modelcontextprotocol/server-everything/dist/index.js").toString(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        Process server = builder.start();
        try {
            awaitListening(server, port);
            EmitCommandTest.Run run = ok("run", http.toString());
            assertEquals("[\"Echo: over HTTP\",\"The sum of 40 and 2 is 42.\"]\n", run.out());
            assertEquals("mcp-servers/everything", lastToolCalls().getFirst().json().get("server").get("name").textValue());
            server.destroy();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the HTTP server stops");
            replayWithTheServersGone("everything_http.lm.md", run);
        } finally {
            server.destroyForcibly();
        }
    }

    static void awaitListening(Process server, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("server-everything streamableHttp exited with status " + server.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("server-everything streamableHttp did not listen on port " + port);
    }
}
