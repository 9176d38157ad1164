package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tool cache answers of an MCP server's tools (mcp-bridge-v1.md §9.4), against a server whose tools carry
 * behaviour hints and which logs every call it performs: a read-only, closed-world tool is answered within a run
 * by its earlier identical call until a write to its server comes between, and performed again by the next run;
 * a write, and an open-world read, are performed on every call; `cache false` and `cache true` decide instead.
 */
class McpCachingTest {
    @TempDir
    Path dir;

    private Path log;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        log = dir.resolve("calls.log");
    }

    private Path document(String grants, String body) throws IOException, URISyntaxException {
        Path server = Path.of(McpCachingTest.class.getResource("annotated_mcp_server.py").toURI());
        return Files.writeString(dir.resolve("cached.lm.md"), """
                ```lumen
                use tool mcp "stdio:python3 %s %s" as Kv
                %s

                cell run() -> String
                %s
                end
                ```
                """.formatted(server, log, grants, body));
    }

    private String run(Path doc) {
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        return run.out().strip();
    }

    private List<String> performed() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Whether each tool call of the latest run came from the cache. */
    private List<Boolean> cached() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast()).events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL).map(TraceEvent::cached).toList();
    }

    @Test
    void aReadOnlyToolIsAnsweredWithinARunAndPerformedAgainByTheNext() throws Exception {
        Path doc = document("grant Kv.lookup timeout_ms 20000", """
                  let a = Kv.lookup(key: "k")
                  let b = Kv.lookup(key: "k")
                  let c = Kv.lookup(key: "other")
                  return a.text + ", " + b.text + ", " + c.text
                """);
        assertEquals("\"lookup #1, lookup #1, lookup #2\"", run(doc));
        assertEquals(List.of(false, true, false), cached());
        assertEquals(List.of("lookup {\"key\": \"k\"}", "lookup {\"key\": \"other\"}"), performed());
        // a read of a server cannot be revalidated: the next run performs it again rather than serve it stale
        assertEquals("\"lookup #3, lookup #3, lookup #4\"", run(doc));
        assertEquals(4, performed().size());
    }

    @Test
    void aWriteToTheServerComesBetweenACallAndItsRepetition() throws Exception {
        Path doc = document("grant Kv.lookup timeout_ms 20000\ngrant Kv.record timeout_ms 20000", """
                  let a = Kv.lookup(key: "k")
                  let w = Kv.record(key: "k")
                  let b = Kv.lookup(key: "k")
                  let c = Kv.lookup(key: "k")
                  return a.text + ", " + b.text + ", " + c.text
                """);
        assertEquals("\"lookup #1, lookup #2, lookup #2\"", run(doc), "the run sees its own write");
        assertEquals(List.of(false, false, false, true), cached());
    }

    @Test
    void aWriteAndAnOpenWorldReadArePerformedOnEveryCall() throws Exception {
        Path doc = document("grant Kv.record timeout_ms 20000\ngrant Kv.search timeout_ms 20000", """
                  let a = Kv.record(key: "k")
                  let b = Kv.record(key: "k")
                  let c = Kv.search(key: "k")
                  let d = Kv.search(key: "k")
                  return a.text + ", " + b.text + ", " + c.text + ", " + d.text
                """);
        assertEquals("\"record #1, record #2, search #1, search #2\"", run(doc));
        assertEquals(List.of(false, false, false, false), cached());
        assertEquals("\"record #3, record #4, search #3, search #4\"", run(doc));
    }

    @Test
    void cacheFalseTurnsCachingOfAReadOnlyToolOff() throws Exception {
        Path doc = document("grant Kv.lookup cache false", """
                  let a = Kv.lookup(key: "k")
                  let b = Kv.lookup(key: "k")
                  return a.text + ", " + b.text
                """);
        assertEquals("\"lookup #1, lookup #2\"", run(doc));
        assertEquals(List.of(false, false), cached());
    }

    @Test
    void cacheTrueAnswersAWriteFromTheCacheInTheNextRun() throws Exception {
        Path doc = document("grant Kv.record cache true", """
                  let a = Kv.record(key: "k")
                  return a.text
                """);
        assertEquals("\"record #1\"", run(doc));
        assertEquals(List.of(false), cached());
        assertEquals("\"record #1\"", run(doc));
        assertEquals(List.of(true), cached());
        assertEquals(List.of("record {\"key\": \"k\"}"), performed(), "the second run performed nothing");
        // other arguments are another call
        Files.writeString(doc, Files.readString(doc).replace("key: \"k\"", "key: \"j\""));
        assertEquals("\"record #2\"", run(doc));
    }

    @Test
    void offlineACachedReadIsAnsweredFromTheRecordingAndSaysSo() throws Exception {
        Path doc = document("grant Kv.lookup timeout_ms 20000", """
                  let a = Kv.lookup(key: "k")
                  let b = Kv.lookup(key: "k")
                  return a.text + ", " + b.text
                """);
        assertEquals("\"lookup #1, lookup #1\"", run(doc));
        EmitCommandTest.Run offline = lumen("run", "--offline", doc.toString());
        assertEquals("\"lookup #1, lookup #1\"", offline.out().strip(), offline.err());
        assertTrue(offline.err().startsWith("offline: did not perform `Kv.lookup` (of stdio:python3 "), offline.err());
        assertEquals(1, offline.err().lines().count(), "the repetition is this run's own answer: " + offline.err());
        assertEquals(1, performed().size());
    }
}
