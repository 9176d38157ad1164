package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lumen documents calling the real MCP reference servers over stdio: a file read through server-filesystem
 * and validated with `expect schema`, refused outside its directory, traced, and replayed with the server gone;
 * its calls typed at compile time from the server's manifest, which `lumen lock` (or a first run) reads from the
 * live server and keeps in the lock file, and `check` reads from there.
 */
class McpDocumentTest {
    @TempDir
    Path dir;

    private Path data;
    /** A link to server-filesystem's entry point, removed to show a replay needs no server. */
    private Path server;

    @BeforeEach
    void setUp() throws IOException {
        Path entry = McpTestPeers.entryPoint("filesystem");
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("config.json"), "{\"name\": \"billing\", \"retries\": 3}");
        Files.writeString(data.resolve("bad.json"), "{\"name\": \"\", \"retries\": -1}");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        server = Files.createSymbolicLink(dir.resolve("server-filesystem.js"), entry);
    }

    private Path document(String grant) throws IOException {
        return Files.writeString(dir.resolve("config.lm.md"), """
                ```lumen
                use tool mcp "stdio:node %s %s" as Files
                grant Files.read_text_file %s

                record Config
                  name:    String where length(name) >= 1
                  retries: Int    where retries >= 0
                end

                cell run(path: String) -> Config
                  let file = Files.read_text_file(path: path)
                  return file.content expect schema Config
                end
                ```
                """.formatted(server, data, grant));
    }

    private TraceEvent lastToolCall() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast()).events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void readsAFileValidatesItAndReplaysWithTheServerGone() throws IOException {
        Path doc = document("timeout_ms 20000");
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("{\"name\":\"billing\",\"retries\":3}\n", run.out());
        assertTrue(lastToolCall().toolId().endsWith("#read_text_file"), lastToolCall().toolId());
        String runId = Store.at(dir).runIds().getLast();
        assertTrue(TraceVerifier.verify(Store.at(dir), runId).ok());
        Files.writeString(data.resolve("config.json"), "{\"name\": \"billing\", \"retries\": 4}");
        EmitCommandTest.Run again = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals("{\"name\":\"billing\",\"retries\":4}\n", again.out(), "an MCP call is performed on every run");
        assertFalse(lastToolCall().cached());
        runId = Store.at(dir).runIds().getLast();

        Files.delete(server);
        EmitCommandTest.Run replay = lumen("replay", runId, "--store", dir.toString());
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertEquals(again.out(), replay.out());
        EmitCommandTest.Run cached = lumen("run", doc.toString(), "--offline", "--arg", "path=" + data.resolve("config.json"));
        assertEquals(again.out(), cached.out(), cached.err());
        assertTrue(cached.err().startsWith("offline: did not perform `Files.read_text_file` (of stdio:node "), cached.err());
        assertFalse(lastToolCall().performed());
    }

    @Test
    void theServersRefusalAndAnInvalidFileAreClearErrors() throws IOException {
        Path doc = document("timeout_ms 20000");
        assertEquals(ExitCodes.OK, lumen("lock", doc.toString()).status());
        EmitCommandTest.Run outside = lumen("run", doc.toString(), "--arg", "path=" + dir.resolve("secret.txt"));
        assertEquals(ExitCodes.ERRORS, outside.status());
        assertTrue(outside.err().startsWith("error: `Files.read_text_file` (of stdio:node "), outside.err());
        assertTrue(outside.err().contains("failed: the server reported an error: Access denied"), outside.err());
        assertEquals("tool", lastToolCall().json().get("error_kind").textValue());
        // the server that refused the call is named, as on a call it answered
        assertEquals("secure-filesystem-server", lastToolCall().json().path("server").path("name").textValue(),
                lastToolCall().json().toString());
        assertTrue(TraceVerifier.verify(Store.at(dir), Store.at(dir).runIds().getLast()).ok());

        EmitCommandTest.Run invalid = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("bad.json"));
        assertEquals(ExitCodes.ERRORS, invalid.status());
        assertTrue(invalid.err().startsWith("error: 2 validation errors for Config"), invalid.err());
    }

    @Test
    void anArgumentOutsideItsPinIsRefusedBeforeTheServerIsAsked() throws IOException {
        Path doc = document("path \"" + data.resolve("config.json") + "\"");
        EmitCommandTest.Run ok = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals(ExitCodes.OK, ok.status(), ok.err());
        EmitCommandTest.Run other = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("bad.json"));
        assertEquals(ExitCodes.ERRORS, other.status());
        assertTrue(other.err().startsWith("error: `Files.read_text_file` (of stdio:node "), other.err());
        assertTrue(other.err().contains("is not allowed by its grant (path): argument `path` of `read_text_file` is \""
                + data.resolve("bad.json") + "\", but the grant pins it to \"" + data.resolve("config.json") + "\""),
                other.err());
        assertEquals(List.of("policy"), List.of(lastToolCall().json().get("error_kind").textValue()));
    }

    @Test
    void aRateLimitCountsTheCallsOfARun() throws IOException {
        Path doc = document("rate_limit 1 per_minute");
        String text = Files.readString(doc);
        Files.writeString(doc, text.replace("""
                  let file = Files.read_text_file(path: path)
                """, """
                  let first = Files.read_text_file(path: path)
                  let file = Files.read_text_file(path: path + ".copy")
                """));
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals(ExitCodes.ERRORS, run.status(), run.out());
        assertTrue(run.err().contains("is not allowed by its grant (rate_limit)"), run.err());
        assertEquals("policy", lastToolCall().json().get("error_kind").textValue());
    }

    @Test
    void lockRecordsTheLiveManifestAndCheckTypesCallsFromIt() throws IOException {
        Path doc = document("timeout_ms 20000");
        EmitCommandTest.Run unlocked = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, unlocked.status());
        assertTrue(unlocked.err().startsWith("error[E0048]: the MCP server \"stdio:node "), unlocked.err());
        assertTrue(unlocked.err().contains("= help: run `lumen lock " + doc + "` to start the server"), unlocked.err());

        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertEquals(ExitCodes.OK, lock.status(), lock.err());
        assertEquals("lumen: starting MCP server `stdio:node " + server + " " + data + "` to read its tools\n",
                lock.err());
        assertTrue(lock.out().startsWith("locked 1 MCP server of `" + doc + "` in "), lock.out());
        assertTrue(lock.out().contains(": MCP server secure-filesystem-server "), lock.out());
        String locked = Files.readString(dir.resolve(".lumen/lock.json"));
        assertTrue(locked.contains("\"secure-filesystem-server\"") && locked.contains("\"read_text_file\""), locked);
        EmitCommandTest.Run check = lumen("check", doc.toString());
        assertEquals(ExitCodes.OK, check.status(), check.err());
        assertEquals("", check.err());

        // From here on the manifest comes from the lock file: the server is not needed to check.
        Files.delete(server);
        String text = Files.readString(doc);
        Files.writeString(doc, text.replace("read_text_file(path: path)", "read_text_file(paht: path)"));
        EmitCommandTest.Run misspelt = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, misspelt.status());
        assertTrue(misspelt.err().startsWith("error[E0018]: MCP tool `Files.read_text_file` has no argument named `paht`"),
                misspelt.err());
        assertTrue(misspelt.err().contains("= help: did you mean `path`?"), misspelt.err());

        Files.writeString(doc, text.replace("read_text_file(path: path)", "read_text_file(path: 42)"));
        EmitCommandTest.Run mistyped = lumen("check", "--color=never", doc.toString());
        assertTrue(mistyped.err().startsWith("error[E0012]: mismatched types"), mistyped.err());

        Files.writeString(doc, text.replace("read_text_file(path: path)", "read_text_file(head: 1)"));
        EmitCommandTest.Run missing = lumen("check", "--color=never", doc.toString());
        assertTrue(missing.err().contains("error[E0017]: MCP tool `Files.read_text_file` is missing argument `path`"),
                missing.err());

        Files.writeString(doc, text.replace("Files.read_text_file(path", "Files.read_txt_file(path")
                .replace("grant Files.read_text_file", "grant Files.read_txt_file"));
        EmitCommandTest.Run unknown = lumen("check", "--color=never", doc.toString());
        assertTrue(unknown.err().startsWith("error[E0040]: unknown tool `read_txt_file` of MCP server `Files`"), unknown.err());
        assertTrue(unknown.err().contains("did you mean `read_text_file`?"), unknown.err());

        // The result is typed by the tool's output schema: `{content: String}`.
        Files.writeString(doc, text.replace("return file.content expect schema Config", "return file.size"));
        EmitCommandTest.Run field = lumen("check", "--color=never", doc.toString());
        assertTrue(field.err().startsWith("error[E0015]: "), field.err());
        assertTrue(field.err().contains("content"), field.err());
    }

    @Test
    void aServerThatCannotBeReachedFailsLockAndRunButCheckNeverTriesIt() throws IOException {
        Path doc = document("timeout_ms 20000");
        Files.delete(server);
        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertEquals(ExitCodes.ERRORS, lock.status());
        assertTrue(lock.err().contains("imports the MCP server \"stdio:node "), lock.err());
        assertTrue(lock.err().contains("which cannot be reached: "), lock.err());
        assertTrue(Files.notExists(dir.resolve(".lumen/lock.json")), "nothing is locked for an unreachable server");

        EmitCommandTest.Run run = lumen("run", "--color=never", doc.toString(), "--arg", "path=x");
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().startsWith("lumen: starting MCP server `stdio:node "), run.err());
        assertTrue(run.err().contains("error[E0049]: cannot reach the MCP server \"stdio:node "), run.err());
        assertTrue(run.err().contains("exited with status"), run.err());
        assertTrue(Files.notExists(dir.resolve(".lumen/lock.json")), "nothing is locked for an unreachable server");

        EmitCommandTest.Run check = lumen("check", "--color=never", doc.toString());
        assertTrue(check.err().startsWith("error[E0048]: "), check.err());
        assertTrue(!check.err().contains("E0049") && !check.err().contains("starting MCP server"), check.err());
    }

    @Test
    void aFirstRunRecordsTheManifestItReadsSoThatCheckNeedsNoServer() throws IOException {
        Path doc = document("timeout_ms 20000");
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("lumen: starting MCP server `stdio:node " + server + " " + data + "` to read its tools\n",
                run.err());
        EmitCommandTest.Run again = lumen("run", doc.toString(), "--arg", "path=" + data.resolve("config.json"));
        assertEquals("", again.err(), "a recorded server's tools are not read again");
        Files.delete(server);
        EmitCommandTest.Run check = lumen("check", doc.toString());
        assertEquals(ExitCodes.OK, check.status(), check.err());
    }

    @Test
    void underStrictLockingAServerTheLockFileDoesNotRecordIsAnError() throws IOException {
        Path doc = document("timeout_ms 20000");
        Files.writeString(doc, "@lock strict\n\n" + Files.readString(doc));
        EmitCommandTest.Run check = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, check.status());
        assertTrue(check.err().contains("error[E0048]: the MCP server \"stdio:node "), check.err());
        assertTrue(check.err().contains("run `lumen lock " + doc + "`"), check.err());

        assertEquals(ExitCodes.OK, lumen("lock", doc.toString()).status());
        EmitCommandTest.Run locked = lumen("check", doc.toString());
        assertEquals(ExitCodes.OK, locked.status(), locked.err());
    }

    @Test
    void createsMemoryEntitiesAndReadsTheGraphBack() throws IOException {
        Path memory = Path.of(System.getProperty("lumen.mcp.peers"), "server-memory", "dist", "index.js");
        Path doc = Files.writeString(dir.resolve("memory.lm.md"), """
                @cache off

                ```lumen
                use tool mcp "stdio:MEMORY_FILE_PATH=%s node %s" as Memory
                grant Memory.create_entities timeout_ms 20000
                grant Memory.read_graph timeout_ms 20000

                record Entity
                  name:         String
                  entityType:   String
                  observations: list[String]
                end

                cell run() -> Int
                  let lumen = Entity { name: "Lumen", entityType: "language", observations: ["Markdown that executes"] }
                  let truffle = Entity { name: "Truffle", entityType: "framework", observations: ["partial evaluation"] }
                  let created = Memory.create_entities(entities: [lumen, truffle])
                  let graph = Memory.read_graph()
                  return length(graph.entities) * 10 + length(created.entities)
                end
                ```
                """.formatted(dir.resolve("memory.jsonl"), memory));
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("22\n", run.out());
        assertTrue(Files.readString(dir.resolve("memory.jsonl")).contains("\"Truffle\""));
    }
}
