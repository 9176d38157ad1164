package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.UserKey;
import dev.lumen.runtime.trace.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every place a store keeps traces in promises (trace-v1.md §3, §5, §7): a run reads back as written and
 * verifies; its chain is the same wherever it is kept; a changed event, events removed from the end, a lost head
 * are found; a run that did not end is unfinished, not damaged; runs written at once all keep their own trace.
 */
abstract class RunTracesContract {
    static final UserKey KEY = UserKey.of(new byte[UserKey.LENGTH]);

    @TempDir
    Path dir;

    /** A store keeping its traces where this implementation does, sealing with {@link #KEY}. */
    abstract Store store() throws Exception;

    /** Replaces the stored bytes of run {@code runId}'s trace with {@code trace}, as someone who can write the store. */
    abstract void rewrite(Store store, String runId, byte[] trace) throws Exception;

    /** Removes run {@code runId}'s signed head, as someone who can write the store. */
    abstract void removeHead(Store store, String runId) throws Exception;

    private static List<String> lines(Store store, String runId) throws Exception {
        String text = new String(store.traces().read(runId).orElseThrow(), StandardCharsets.UTF_8);
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static byte[] joined(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRunReadsBackAsWrittenAndVerifiesToItsHead() throws Exception {
        Store store = store();
        TraceWriter run = SampleRun.write(store);
        Trace trace = TraceReader.read(store, run.runId());
        assertEquals(7, trace.events().size());
        assertTrue(trace.finished());
        assertEquals(run.runId(), trace.start().runId());
        assertEquals(run.where(), trace.where());
        Verification v = TraceVerifier.verify(store, run.runId());
        assertTrue(v.ok(), String.valueOf(v.problem()));
        assertTrue(v.finished());
        assertEquals(run.headHash(), v.head());
        assertEquals(List.of(run.runId()), store.runIds());
        assertEquals(run.runId(), store.resolveRun("last"));
    }

    @Test
    void theChainIsTheSameInEveryStoreAndFromTheCache() throws Exception {
        Store store = store();
        TraceWriter here = SampleRun.write(store);
        Store folder = Store.at(dir.resolve("elsewhere")).withKey(KEY);
        TraceWriter there = SampleRun.write(folder, true, "{\"vendor\": \"Acme\", \"total\": 12.5}", SampleRun.body(3000, 'x'));
        List<String> a = TraceReader.read(store, here.runId()).events().stream().map(TraceEvent::hash).toList();
        List<String> b = TraceReader.read(folder, there.runId()).events().stream().map(TraceEvent::hash).toList();
        assertEquals(b, a);
    }

    @Test
    void aChangedEventIsFoundAtItsSeq() throws Exception {
        Store store = store();
        TraceWriter run = SampleRun.write(store);
        List<String> lines = new ArrayList<>(lines(store, run.runId()));
        lines.set(3, lines.get(3).replace("Acme", "Acne"));
        rewrite(store, run.runId(), joined(lines));
        Verification v = TraceVerifier.verify(store, run.runId());
        assertFalse(v.ok());
        assertEquals(3, v.problem().seq());
        assertEquals(3, v.events(), "the events before it verify");
    }

    @Test
    void eventsRemovedFromTheEndAreTampering() throws Exception {
        Store store = store();
        TraceWriter run = SampleRun.write(store);
        rewrite(store, run.runId(), joined(lines(store, run.runId()).subList(0, 4)));
        Verification v = TraceVerifier.verify(store, run.runId());
        assertEquals(Reason.TAMPERED, v.problem().reason());
        assertTrue(v.problem().message().startsWith("3 events were removed from its end"), v.problem().message());
    }

    @Test
    void aLostHeadIsTampering() throws Exception {
        Store store = store();
        TraceWriter run = SampleRun.write(store);
        removeHead(store, run.runId());
        Verification v = TraceVerifier.verify(store, run.runId());
        assertEquals(Reason.TAMPERED, v.problem().reason());
        assertTrue(v.problem().message().contains("is missing"), v.problem().message());
        assertTrue(v.problem().message().contains(store.traces().whereHead(run.runId())), v.problem().message());
        assertEquals(List.of(run.runId()), store.runIds(), "the run is still listed");
    }

    @Test
    void aRunThatDidNotEndIsUnfinishedAndHoldsEveryEventWritten() throws Exception {
        Store store = store();
        String runId;
        try (TraceWriter w = TraceWriter.start(store, "shop.lm.md", SampleRun.DOC_HASH, "run", Map.of())) {
            runId = w.runId();
            w.cellStart("extract", Map.of("text", "x"));
            w.toolCall("extract", "llm.chat", "1.0.0", SampleRun.POLICY, Map.of("q", 1), "answer", 0, true);
            assertEquals(3, w.read().events().size(), "read sees what was written, stored or not");
            w.cellEnd("extract", "answer");
        }
        Verification v = TraceVerifier.verify(store, runId);
        assertTrue(v.ok(), String.valueOf(v.problem()));
        assertFalse(v.finished());
        assertEquals(4, v.events(), "closing stores every event");
    }

    @Test
    void runsWrittenAtOnceEachKeepTheirOwnTrace() throws Exception {
        Store store = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                String reply = "{\"n\": " + i + "}";
                runs.add(pool.submit(() -> SampleRun.write(store, false, reply, SampleRun.body(2000, 'y')).runId()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> run : runs) {
                ids.add(run.get(120, TimeUnit.SECONDS));
            }
            assertEquals(16, new HashSet<>(ids).size());
            ids.sort(null);
            assertEquals(ids, store.runIds());
            for (String id : ids) {
                assertTrue(TraceVerifier.verify(store, id).ok(), id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTraceWithNoEventsIsEmpty() throws Exception {
        Store store = store();
        TraceWriter run = SampleRun.write(store);
        rewrite(store, run.runId(), new byte[0]);
        assertEquals(Reason.EMPTY, TraceVerifier.verify(store, run.runId()).problem().reason());
        assertEquals(List.of(), TraceReader.read(store, run.runId()).events());
    }
}
