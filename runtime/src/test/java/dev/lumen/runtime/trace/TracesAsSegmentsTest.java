package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.objects.FolderObjects;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.trace.Verification.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Traces as segments and a head in an object store (trace-v1.md §7.4), here objects in a folder: what the
 * contract promises, and what segments add — effects stored before the run goes on, a lost segment found.
 */
class TracesAsSegmentsTest extends RunTracesContract {
    ObjectStore objects() {
        return new FolderObjects(dir.resolve("bucket"));
    }

    @Override
    Store store() throws Exception {
        return Store.on(dir.resolve("project"), objects()).withKey(KEY);
    }

    @Override
    void rewrite(Store store, String runId, byte[] trace) throws Exception {
        rewriteSegments(store.objects(), runId, trace);
    }

    /** Replaces run {@code runId}'s segments by one holding {@code trace} (none when it is empty). */
    static void rewriteSegments(ObjectStore objects, String runId, byte[] trace) throws IOException {
        for (String segment : objects.list("trace/" + runId + "/")) {
            objects.delete(segment);
        }
        if (trace.length > 0) {
            objects.create("trace/" + runId + "/00000000.jsonl", trace);
        }
    }

    @Override
    void removeHead(Store store, String runId) throws Exception {
        store.objects().delete("trace/" + runId + ".head");
    }

    @Test
    void aPerformedCallIsStoredBeforeTheRunGoesOnAndTheRestWaits() throws Exception {
        Store store = store();
        ObjectStore objects = store.objects();
        TraceWriter w = TraceWriter.start(store, "shop.lm.md", SampleRun.DOC_HASH, "run", Map.of());
        String prefix = "trace/" + w.runId() + "/";
        assertTrue(objects.get("trace/" + w.runId() + ".head").isPresent(), "the head claims the run first");
        w.cellStart("extract", Map.of("text", "x"));
        assertEquals(List.of(), objects.list(prefix), "no effect yet: the events wait");
        w.toolCall("extract", "llm.chat", "1.0.0", SampleRun.POLICY, Map.of("q", 1), "answer", 5, false);
        assertEquals(List.of(prefix + "00000000.jsonl"), objects.list(prefix), "the call is stored with what came before");
        w.toolCall("extract", "llm.chat", "1.0.0", SampleRun.POLICY, Map.of("q", 2), "answer", 0, true);
        w.cellEnd("extract", "answer");
        assertEquals(1, objects.list(prefix).size(), "cached calls record no effect: they wait");
        // the process is killed here: what was stored verifies, unfinished
        Verification killed = TraceVerifier.verify(store, w.runId());
        assertTrue(killed.ok(), String.valueOf(killed.problem()));
        assertEquals(3, killed.events());
        assertFalse(killed.finished());
        w.runEnd("answer");
        assertEquals(2, objects.list(prefix).size());
        Verification ended = TraceVerifier.verify(store, w.runId());
        assertTrue(ended.ok() && ended.finished(), String.valueOf(ended.problem()));
        assertEquals(6, ended.events());
    }

    @Test
    void aLostSegmentIsFound() throws Exception {
        Store store = store();
        ObjectStore objects = store.objects();
        TraceWriter w = TraceWriter.start(store, "shop.lm.md", SampleRun.DOC_HASH, "run", Map.of());
        for (int i = 0; i < 3; i++) {
            w.toolCall("run", "http.get", "1.0.0", SampleRun.POLICY, Map.of("i", i), "ok", 5, false);
        }
        w.runEnd("ok");
        List<String> segments = objects.list("trace/" + w.runId() + "/");
        assertEquals(4, segments.size());

        objects.delete(segments.get(1));
        Verification middle = TraceVerifier.verify(store, w.runId());
        assertEquals(Reason.SEQ_GAP, middle.problem().reason());
        assertEquals(2, middle.problem().seq());

        objects.delete(segments.get(3));
        objects.delete(segments.get(2));
        Verification end = TraceVerifier.verify(store, w.runId());
        assertEquals(Reason.TAMPERED, end.problem().reason(), "the end lost: the signed head counts the events");
    }
}
