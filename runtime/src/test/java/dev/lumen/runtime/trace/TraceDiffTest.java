package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceDiff.Difference;
import dev.lumen.runtime.trace.TraceDiff.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceDiffTest {

    @TempDir
    Path dir;

    private Trace run(Consumer<TraceWriter> body) {
        return run(SampleRun.DOC_HASH, body);
    }

    private Trace run(String docHash, Consumer<TraceWriter> body) {
        Store store = Store.at(dir);
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", docHash, "run", Map.of("n", 1))) {
            w.cellStart("fetch", Map.of("n", 1));
            body.accept(w);
            w.cellEnd("fetch", "done");
            w.runEnd("done");
            w.close();
            return TraceReader.read(store, w.runId());
        }
    }

    private static void call(TraceWriter w, String tool, Object in, Object out, boolean cached) {
        w.toolCall("fetch", tool, "1.0.0", SampleRun.POLICY, in, out, cached ? 0 : 10, cached);
    }

    @Test
    void aReplayFromTheCacheIsIdentical() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body", false));
        Trace b = run(w -> call(w, "http.get", Map.of("url", "u"), "body", true));
        TraceDiff.Result r = TraceDiff.compare(a, b);
        assertTrue(r.identical(), r.differences().toString());
        assertEquals(5, r.agreeing());
    }

    @Test
    void aToolReturningSomethingElseIsTheFirstDifference() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body v1", false));
        Trace b = run(w -> call(w, "http.get", Map.of("url", "u"), "body v2", false));
        TraceDiff.Result r = TraceDiff.compare(a, b);
        assertEquals(2, r.agreeing());
        Difference first = r.differences().getFirst();
        assertEquals(Kind.DIFFERENT_OUTPUTS, first.kind());
        assertEquals(2, first.a().seq());
        assertEquals(List.of("outputs_hash"), first.fields());
        assertEquals("tool_call `http.get` in cell `fetch` returned a different output", first.description());
        assertEquals(1, r.differences().size(), "the cell and the run return the same text either way");
    }

    @Test
    void differentInputsAreNamedAsSuch() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u1"), "body", false));
        Trace b = run(w -> call(w, "http.get", Map.of("url", "u2"), "body", false));
        Difference first = TraceDiff.compare(a, b).differences().getFirst();
        assertEquals(Kind.DIFFERENT_INPUTS, first.kind());
        assertEquals("tool_call `http.get` in cell `fetch` was called with different inputs", first.description());
    }

    @Test
    void anExtraOrMissingCallIsFoundAndTheRunsLineUpAgain() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body", false));
        Trace b = run(w -> {
            call(w, "llm.chat", Map.of("m", "hi"), "hello", false);
            call(w, "http.get", Map.of("url", "u"), "body", false);
        });
        TraceDiff.Result extra = TraceDiff.compare(a, b);
        assertEquals(1, extra.differences().size(), extra.differences().toString());
        Difference d = extra.differences().getFirst();
        assertEquals(Kind.EXTRA, d.kind());
        assertNull(d.a());
        assertEquals(2, d.b().seq());
        assertEquals("B has an extra tool_call `llm.chat` in cell `fetch`", d.description());

        TraceDiff.Result missing = TraceDiff.compare(b, a);
        assertEquals(Kind.MISSING, missing.differences().getFirst().kind());
        assertEquals("B has no tool_call `llm.chat` in cell `fetch`", missing.differences().getFirst().description());
        assertEquals(1, missing.differences().size());
    }

    @Test
    void theRenderingShowsBothRunsTheSharedPrefixAndTheFirstDifferenceInDetail() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body", false));
        Trace b = run(w -> {
            call(w, "llm.chat", Map.of("m", "hi"), "hello", true);
            call(w, "http.get", Map.of("url", "u"), "body", false);
        });
        String text = TraceRenderer.renderDiff(a, b, TraceDiff.compare(a, b));
        String[] lines = text.split("\n");
        assertEquals("A " + a.runId() + "  5 events", lines[0]);
        assertEquals("B " + b.runId() + "  6 events", lines[1]);
        assertEquals("the runs agree on their first 2 events", lines[2]);
        assertEquals("first difference, at seq -/2: B has an extra tool_call `llm.chat` in cell `fetch`", lines[3]);
        assertTrue(lines[4].startsWith("  B  tool_call llm.chat 1.0.0 in fetch  cached  inputs "), lines[4]);
        assertEquals(5, lines.length, text);

        Trace same = run(w -> call(w, "http.get", Map.of("url", "u"), "body", true));
        assertTrue(TraceRenderer.renderDiff(a, same, TraceDiff.compare(a, same)).endsWith("\nthe runs are identical\n"));
    }

    @Test
    void aChangedDocumentAndADifferentStepAreReported() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body", false));
        Trace b = run(CanonicalJson.sha256("edited"), w -> w.schemaValidate("fetch", "Page", "body", false, Map.of("message", "no")));
        TraceDiff.Result r = TraceDiff.compare(a, b);
        assertEquals(0, r.agreeing());
        assertEquals(Kind.DIFFERENT_FIELDS, r.differences().get(0).kind());
        assertEquals("the document differs", r.differences().get(0).description());
        assertEquals(Kind.DIFFERENT_STEP, r.differences().get(1).kind());
        assertEquals("A has tool_call `http.get` in cell `fetch` where B has schema_validate `Page` in cell `fetch`",
                r.differences().get(1).description());
    }

    @Test
    void anUnfinishedRunLacksItsLastEvents() {
        Trace a = run(w -> call(w, "http.get", Map.of("url", "u"), "body", false));
        Trace b = new Trace(a.runId(), a.where(), a.events().subList(0, 3), null);
        TraceDiff.Result r = TraceDiff.compare(a, b);
        assertEquals(3, r.agreeing());
        assertEquals(List.of(Kind.MISSING, Kind.MISSING), r.differences().stream().map(Difference::kind).toList());
        assertEquals("B has no cell_end `fetch`", r.differences().getFirst().description());
    }
}
