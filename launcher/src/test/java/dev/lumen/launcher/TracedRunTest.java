package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import dev.lumen.runtime.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen run} writes a verifiable trace, serves repeated tool calls from the cache, and {@code lumen replay} reproduces the chain. */
class TracedRunTest {

    @TempDir
    Path dir;

    private static final String PROGRAM = """
            # Parse and emit

            ```lumen
            use tool json.parse as Parse
            use tool json.emit as Emit
            grant Parse
            grant Emit

            cell roundtrip(text: String) -> String
              let value = Parse(text: text)
              return Emit(value: value)
            end

            cell run(text: String) -> String
              let r = trace_ref()
              return roundtrip(text) + " #" + to_string(r.seq) + " " + r.trace_id
            end

            cell pure(n: Int) -> Int
              return n * 2
            end
            ```
            """;

    private Path document(String directives) throws IOException {
        Path doc = dir.resolve("parse.lm.md");
        Files.writeString(doc, directives + PROGRAM);
        return doc;
    }

    private Store store() {
        return Store.at(dir);
    }

    private Trace latest() {
        List<String> runs = store().runIds();
        return TraceReader.read(store(), runs.getLast());
    }

    private static List<String> steps(Trace trace) {
        return trace.events().stream().map(e -> e.kindName() + (e.toolId() != null ? " " + e.toolId()
                : e.cell() != null ? " " + e.cell() : "")).toList();
    }

    private static List<TraceEvent> toolCalls(Trace trace) {
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
    }

    @Test
    void aRunIsTracedAndVerifiesAndTraceRefNamesIt() throws IOException {
        Path doc = document("");
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "text={\"b\": 1, \"a\": [true]}");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        Trace trace = latest();
        assertTrue(run.out().startsWith("\"{\\\"a\\\":[true],\\\"b\\\":1} #1 " + trace.runId()), run.out());
        assertEquals(List.of("run_start run", "cell_start run", "cell_start roundtrip", "tool_call json.parse",
                "tool_call json.emit", "cell_end roundtrip", "cell_end run", "run_end"), steps(trace));
        assertTrue(TraceVerifier.verify(store(), trace.runId()).ok());
        assertEquals("parse.lm.md", trace.start().doc());
    }

    @Test
    void pureCellsAreNotTracedBeyondTheRun() throws IOException {
        Path doc = document("");
        assertEquals(ExitCodes.OK, lumen("run", doc.toString(), "--cell", "pure", "--arg", "n=4").status());
        assertEquals(List.of("run_start pure", "run_end"), steps(latest()));
    }

    @Test
    void aSecondRunIsAnsweredFromTheCacheWithTheSameChain() throws IOException {
        Path doc = document("");
        String text = "text=[1, 2.5, \"x\"]";
        EmitCommandTest.Run first = lumen("run", doc.toString(), "--arg", text);
        Trace a = latest();
        EmitCommandTest.Run second = lumen("run", doc.toString(), "--arg", text);
        Trace b = latest();
        assertNotEquals(a.runId(), b.runId());
        assertEquals(first.out().replace(a.runId(), "ID"), second.out().replace(b.runId(), "ID"));
        assertTrue(toolCalls(a).stream().noneMatch(TraceEvent::cached));
        assertTrue(toolCalls(b).stream().allMatch(TraceEvent::cached));
        // trace_ref() puts the run id in the result, so the chains differ exactly from cell_end on
        assertEquals(a.events().get(4).hash(), b.events().get(4).hash());
    }

    @Test
    void cacheOffNeitherReadsNorWritesTheCacheAndTraceOffWritesNoTrace() throws IOException {
        Path doc = document("@cache off\n");
        lumen("run", doc.toString(), "--arg", "text=1");
        lumen("run", doc.toString(), "--arg", "text=1");
        assertTrue(toolCalls(latest()).stream().noneMatch(TraceEvent::cached));
        assertFalse(Files.exists(store().dir().resolve("cache")));
        Path quiet = document("@trace off\n");
        int traces = store().runIds().size();
        assertEquals(ExitCodes.OK, lumen("run", quiet.toString(), "--cell", "pure", "--arg", "n=1").status());
        assertEquals(traces, store().runIds().size());
        EmitCommandTest.Run ref = lumen("run", quiet.toString(), "--arg", "text=1");
        assertEquals(ExitCodes.ERRORS, ref.status());
        assertTrue(ref.err().contains("`trace_ref()` needs a traced run"), ref.err());
    }

    @Test
    void offlineRunsOnlyFromTheCache() throws IOException {
        Path doc = document("");
        EmitCommandTest.Run cold = lumen("run", doc.toString(), "--offline", "--color=never", "--arg", "text=[3]");
        assertEquals(ExitCodes.ERRORS, cold.status());
        assertTrue(cold.err().startsWith("error: offline: `Parse` (json.parse) has no cached output for these arguments (sha256:"),
                cold.err());
        assertTrue(cold.err().contains("--> " + doc + ":10:15"), cold.err());
        assertEquals(ExitCodes.OK, lumen("run", doc.toString(), "--arg", "text=[3]").status());
        assertEquals(ExitCodes.OK, lumen("run", doc.toString(), "--offline", "--arg", "text=[3]").status());
    }

    @Test
    void aDamagedCacheEntryIsReportedAndNotServed() throws IOException {
        Path doc = document("");
        lumen("run", doc.toString(), "--arg", "text=[4]");
        try (Stream<Path> entries = Files.walk(store().dir().resolve("cache"))) {
            for (Path entry : entries.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.writeString(entry, Files.readString(entry).replace("\"tool_version\":\"1.0.0\"", "\"tool_version\":\"1.0.1\""));
            }
        }
        EmitCommandTest.Run again = lumen("run", doc.toString(), "--arg", "text=[4]");
        assertEquals(ExitCodes.OK, again.status(), again.err());
        assertTrue(again.err().contains("warning: ignoring a damaged cache entry for `Parse` (json.parse)"), again.err());
        assertTrue(toolCalls(latest()).stream().noneMatch(TraceEvent::cached));
    }

    @Test
    void replayReproducesTheResultAndTheHashChain() throws IOException {
        Path doc = document("");
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--arg", "text={\"k\": [null]}");
        Trace recorded = latest();
        EmitCommandTest.Run replay = lumen("replay", recorded.runId(), "--store=" + dir);
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertEquals(run.out(), replay.out());
        assertTrue(replay.err().contains("replayed run " + recorded.runId() + ": 8 events, the recorded hash chain"),
                replay.err());
        Trace replayed = latest();
        assertNotEquals(recorded.runId(), replayed.runId());
        assertEquals(recorded.events().getLast().hash(), replayed.events().getLast().hash());
    }

    @Test
    void aFailedRunReplaysToTheSameFailure() throws IOException {
        Path doc = document("");
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--color=never", "--arg", "text=[1,");
        assertEquals(ExitCodes.ERRORS, run.status());
        String runId = latest().runId();
        EmitCommandTest.Run replay = lumen("replay", "last", "--store=" + dir, "--color=never");
        assertEquals(ExitCodes.ERRORS, replay.status());
        assertTrue(replay.err().startsWith(run.err()), replay.err());
        assertTrue(replay.err().contains("replayed run " + runId + ": 6 events, the recorded hash chain (it failed as the "
                + "recorded run failed)"), replay.err());
    }

    /**
     * Someone who can write the store but not read the user's key edits a cached output and re-seals the
     * entry with plain SHA-256: no run serves it, offline or not, and the trace of a run stays honest.
     */
    @Test
    void aForgedCacheEntryIsNeverServed() throws IOException {
        Path doc = document("");
        assertEquals(ExitCodes.OK, lumen("run", doc.toString(), "--arg", "text=[4]").status());
        List<Path> entries;
        try (Stream<Path> files = Files.walk(store().dir().resolve("cache"))) {
            entries = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        for (Path entry : entries) {
            ObjectNode node = (ObjectNode) CanonicalJson.parse(Files.readString(entry));
            if (!node.get("tool_id").textValue().equals("json.parse")) {
                continue;
            }
            CanonicalValue forged = CanonicalValue.of(List.of(666));
            node.set("outputs", forged.tree());
            node.put("outputs_hash", forged.hash());
            node.remove("seal");
            node.put("seal", CanonicalJson.hash(node));
            Files.writeString(entry, CanonicalJson.write(node) + "\n");
        }
        EmitCommandTest.Run offline = lumen("run", doc.toString(), "--offline", "--color=never", "--arg", "text=[4]");
        assertEquals(ExitCodes.ERRORS, offline.status(), offline.err());
        assertTrue(offline.err().contains("warning: ignoring a damaged cache entry for `Parse` (json.parse)"), offline.err());
        assertTrue(offline.err().contains("its seal is not your key's seal of its content"), offline.err());
        assertTrue(offline.err().contains("error: offline: `Parse` (json.parse) has no cached output"), offline.err());
        assertFalse(offline.out().contains("666"), offline.out());

        EmitCommandTest.Run online = lumen("run", doc.toString(), "--arg", "text=[4]");
        assertEquals(ExitCodes.OK, online.status(), online.err());
        assertTrue(online.out().startsWith("\"[4] #"), online.out());
        assertTrue(TraceVerifier.verify(store(), latest().runId()).ok());
    }

    @Test
    void replayRefusesAChangedDocumentAndABrokenTrace() throws IOException {
        Path doc = document("");
        lumen("run", doc.toString(), "--arg", "text=[5]");
        String runId = latest().runId();
        Files.writeString(doc, Files.readString(doc).replace(" #", " no. "));
        EmitCommandTest.Run changed = lumen("replay", runId, "--store=" + dir, "--color=never");
        assertEquals(ExitCodes.ERRORS, changed.status());
        assertTrue(changed.err().startsWith("error: cannot replay run " + runId + ": the document changed since it ran"),
                changed.err());
        assertFalse(changed.err().contains("replayed run"), changed.err());
        Path file = store().traceFile(runId);
        Files.writeString(file, Files.readString(file).replace("json.emit", "json.emiT"));
        EmitCommandTest.Run broken = lumen("replay", runId, "--store=" + dir);
        assertEquals(ExitCodes.USAGE, broken.status());
        assertTrue(broken.err().contains("its trace does not verify (event 4"), broken.err());
    }

    @Test
    void aReplayThatAsksForAnotherCallStopsThereNamingTheRecordedEvent() throws IOException {
        Path doc = document("");
        String docHash = CanonicalJson.sha256(Files.readAllBytes(doc));
        String runId;
        try (TraceWriter w = TraceWriter.start(store(), "parse.lm.md", docHash, "run", Map.of("text", "[6]"))) {
            w.cellStart("run", Map.of("text", "[6]"));
            w.cellStart("roundtrip", Map.of("text", "[6]"));
            w.toolCall("roundtrip", "json.parse", "1.0.0", CanonicalJson.sha256("{}"), Map.of("text", "[7]"), List.of(7), 1, false);
            runId = w.runId();
        }
        EmitCommandTest.Run replay = lumen("replay", runId, "--store=" + dir, "--color=never");
        assertEquals(ExitCodes.ERRORS, replay.status());
        assertTrue(replay.err().startsWith("error: replay of run " + runId + " diverged at event 3: the recorded run called "
                + "json.parse with arguments " + CanonicalValue.of(Map.of("text", "[7]")).hash() + ", but the program calls "
                + "json.parse with arguments " + CanonicalValue.of(Map.of("text", "[6]")).hash()), replay.err());
        assertTrue(replay.err().contains("--> parse.lm.md:10:15") || replay.err().contains(":10:15"), replay.err());
    }

    @Test
    void redactedMembersNeverReachTheTraceOrTheCacheButTheProgramSeesThem() throws IOException {
        Path doc = document("");
        Path lir = dir.resolve("parse.lir.json");
        assertEquals(ExitCodes.OK, lumen("emit", doc.toString(), "-o", lir.toString()).status());
        // as a compiler that honours `grant Parse redact "secret"` would write it (json.parse does not declare
        // redaction, so the checker refuses the clause; the runtime applies whatever the LIR grants)
        Files.writeString(lir, Files.readString(lir).replace("\"alias\":\"Parse\",\"grants\":{}",
                "\"alias\":\"Parse\",\"grants\":{\"redact\":[\"secret\"]}"));
        EmitCommandTest.Run run = lumen("run", lir.toString(), "--store=" + dir, "--arg",
                "text={\"user\": \"ada\", \"secret\": \"hunter2\"}");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTrue(run.out().contains("hunter2"), "the program sees the real value: " + run.out());
        TraceEvent parse = toolCalls(latest()).get(0);
        assertEquals("json.parse", parse.toolId());
        assertEquals("{\"secret\":\"[redacted]\",\"user\":\"ada\"}", parse.outputs().orElseThrow().preview());
        assertFalse(Files.exists(store().dir().resolve("cache/json.parse")), "an output with a redacted member is not cached");
        assertTrue(Files.exists(store().dir().resolve("cache/json.emit")));
    }

    @Test
    void eightConcurrentRunsShareOneStore() throws Exception {
        Path doc = document("");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EmitCommandTest.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "text=[" + (i % 3) + "]"; // shared arguments: runs race to write the same cache entries
                runs.add(pool.submit(() -> lumen("run", doc.toString(), "--arg", text)));
            }
            for (var run : runs) {
                EmitCommandTest.Run r = run.get(60, TimeUnit.SECONDS);
                assertEquals(ExitCodes.OK, r.status(), r.err());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> ids = store().runIds();
        assertEquals(8, ids.size());
        for (String id : ids) {
            assertTrue(TraceVerifier.verify(store(), id).ok(), id);
        }
        var listing = store().cache().list(null);
        assertTrue(listing.corrupt().isEmpty(), listing.corrupt().toString());
        assertEquals(6, listing.entries().size(), "json.parse and json.emit for each of three arguments");
    }
}
