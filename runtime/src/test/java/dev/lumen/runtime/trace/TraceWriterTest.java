package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.BlobStore;
import dev.lumen.runtime.store.RecordedValue;
import dev.lumen.runtime.store.RunId;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.UserKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesOneCanonicalSealedEventPerLineChainedFromGenesis() throws IOException {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store);
        assertTrue(RunId.isValid(w.runId()), w.runId());
        assertEquals(dir.resolve(".lumen/trace/" + w.runId() + ".jsonl"), w.file());
        List<String> lines = Files.readAllLines(w.file());
        assertEquals(7, lines.size());
        assertEquals(6, w.lastSeq());

        String prev = TraceFormat.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode event = (ObjectNode) CanonicalJson.parse(lines.get(i));
            assertEquals(lines.get(i), CanonicalJson.write(event), "line " + i + " is canonical");
            assertEquals(i, event.get("seq").intValue());
            assertEquals(prev, event.get("prev_hash").textValue());
            ObjectNode chained = event.deepCopy();
            chained.remove(List.of("hash", "seal", "run_id", "doc", "timestamp", "latency_ms", "cached", "key_id"));
            assertEquals(CanonicalJson.hash(chained), event.get("hash").textValue(), "hash of line " + i);
            assertEquals(store.key().seal(UserKey.Purpose.EVENT, StoredJson.textOf(event, TraceFormat::sealed)),
                    event.get("seal").textValue(), "the seal of line " + i + " is the user's key's HMAC");
            prev = event.get("hash").textValue();
        }
        assertEquals(prev, w.headHash());
        List<String> kinds = lines.stream().map(l -> CanonicalJson.parse(l).get("kind").textValue()).toList();
        assertEquals(List.of("run_start", "cell_start", "tool_call", "schema_validate", "tool_call", "cell_end", "run_end"), kinds);
        ObjectNode start = (ObjectNode) CanonicalJson.parse(lines.get(0));
        assertEquals(TraceFormat.FORMAT, start.get("format").textValue());
        assertEquals(w.runId(), start.get("run_id").textValue());
        assertEquals(SampleRun.DOC_HASH, start.get("doc_hash").textValue());
        assertEquals(store.key().id(), start.get("key_id").textValue());
        assertEquals("{\"order\":\"A-1\"}", CanonicalJson.write(start.get("inputs")));
        assertTrue(start.get("timestamp").textValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void aReplayWithCachedOutputsHasTheSameChainDespiteDifferentTimesLatenciesAndRunIds() throws IOException {
        Store store = Store.at(dir);
        TraceWriter first = SampleRun.write(store, false, "reply", SampleRun.body(2000, 'a'));
        TraceWriter replay = SampleRun.write(store, true, "reply", SampleRun.body(2000, 'a'));
        assertNotEquals(first.runId(), replay.runId());
        assertEquals(hashes(first.file()), hashes(replay.file()));
        assertEquals(first.headHash(), replay.headHash());
        assertNotEquals(Files.readString(first.file()), Files.readString(replay.file()));

        TraceWriter different = SampleRun.write(store, true, "another reply", SampleRun.body(2000, 'a'));
        List<String> a = hashes(first.file());
        List<String> b = hashes(different.file());
        assertEquals(a.subList(0, 2), b.subList(0, 2), "the chain agrees up to the call that differs");
        assertNotEquals(a.get(2), b.get(2));
    }

    /** An offline run that did not perform a write says so, outside the chain, and still verifies. */
    @Test
    void aCallNotPerformedSaysSoOutsideTheChain() throws IOException {
        Store store = Store.at(dir);
        String policy = CanonicalJson.sha256("{}");
        Map<String, Object> save = Map.of("path", "out.txt", "content", "x");
        TraceWriter performed = TraceWriter.start(store, "d.lm.md", policy, "run", Map.of());
        performed.toolCall("run", "fs.write", "1.0.0", policy, save, null, 3, false);
        performed.close();
        TraceWriter standIn = TraceWriter.start(store, "d.lm.md", policy, "run", Map.of());
        standIn.toolCall("run", "fs.write", "1.0.0", policy, save, null, 0, true, false, Map.of(), Map.of());
        standIn.close();

        assertEquals(performed.headHash(), standIn.headHash(), "not chained: a replay of either keeps its chain");
        assertFalse(Files.readAllLines(performed.file()).get(1).contains("performed"), "a performed call has no `performed`");
        List<String> lines = Files.readAllLines(standIn.file());
        ObjectNode event = (ObjectNode) CanonicalJson.parse(lines.get(1));
        assertFalse(event.get("performed").booleanValue(), event.toString());
        assertFalse(new TraceEvent(event, 2).performed());
        assertTrue(TraceVerifier.verify(store, standIn.runId()).ok());
        Files.writeString(standIn.file(), lines.get(0) + "\n"
                + lines.get(1).replace("\"performed\":false", "\"performed\":true") + "\n");
        assertEquals(Verification.Reason.SEAL_MISMATCH, TraceVerifier.verify(store, standIn.runId()).problem().reason());
    }

    @Test
    void valuesOverOneKilobyteGoToBlobsWithAPreviewAndSize() throws IOException {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store, false, "reply", SampleRun.body(5000, 'é'));
        Trace trace = TraceReader.read(store, w.runId());
        TraceEvent call = trace.events().get(4);
        RecordedValue out = call.outputs().orElseThrow();
        assertFalse(out.isInline());
        assertFalse(call.json().has("outputs"));
        CanonicalValue expected = CanonicalValue.of(Map.of("status", 200, "body", SampleRun.body(5000, 'é')));
        assertEquals(expected.hash(), out.hash());
        assertEquals(expected.size(), out.size());
        assertTrue(out.preview().getBytes(StandardCharsets.UTF_8).length <= RecordedValue.PREVIEW_BYTES);
        assertTrue(expected.text().startsWith(out.preview()));
        assertFalse(out.preview().endsWith("\uFFFD"), "the preview does not split a character");
        BlobStore blobs = store.blobs();
        assertEquals(expected.text(), Files.readString(store.dir().resolve(BlobStore.name(out.hash()))));
        assertEquals(expected, out.resolve(blobs));
        assertTrue(trace.events().get(2).outputs().orElseThrow().isInline());
    }

    @Test
    void theInlineLimitIsOneKilobyteOfCanonicalJson() {
        Store store = Store.at(dir);
        String exactly = "x".repeat(RecordedValue.INLINE_LIMIT - 2); // two quotes make 1024 bytes
        String over = exactly + "x";
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of())) {
            w.cellEnd("a", exactly);
            w.cellEnd("b", over);
            w.close();
            Trace trace = TraceReader.read(store, w.runId());
            assertTrue(trace.events().get(1).outputs().orElseThrow().isInline());
            assertFalse(trace.events().get(2).outputs().orElseThrow().isInline());
        }
    }

    @Test
    void failuresAndErrorsAreRecorded() {
        Store store = Store.at(dir);
        TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of());
        w.cellStart("fetch", Map.of("url", "https://evil.example"));
        w.toolFailed("fetch", "http.get", "1.0.0", SampleRun.POLICY, Map.of("url", "https://evil.example"), "policy",
                "domain `evil.example` is not granted", 0);
        long errorSeq = w.error("fetch", "policy", "domain `evil.example` is not granted", 12, 7);
        long endSeq = w.runFailed("policy", "domain `evil.example` is not granted");
        w.close();
        assertEquals(3, errorSeq);
        assertEquals(4, endSeq);
        assertThrows(RuntimeException.class, () -> w.cellStart("x", Map.of()), "a closed writer refuses events");
        Trace trace = TraceReader.read(store, w.runId());
        TraceEvent failed = trace.events().get(2);
        assertEquals("policy", failed.errorKind());
        assertTrue(failed.outputs().isEmpty());
        TraceEvent error = trace.events().get(3);
        assertEquals(12, error.lineInDocument());
        assertEquals(7, error.column());
        assertEquals("error", trace.events().get(4).status());
        assertTrue(TraceVerifier.verify(store, w.runId()).ok(), TraceVerifier.verify(store, w.runId()).toString());
    }

    @Test
    void noEventFollowsRunEnd() {
        Store store = Store.at(dir);
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of())) {
            w.runEnd(1);
            assertThrows(IllegalStateException.class, () -> w.runEnd(2));
        }
    }

    @Test
    void aValueWithoutJsonFormOrAMalformedHashWritesNothing() {
        Store store = Store.at(dir);
        assertThrows(IllegalArgumentException.class,
                () -> TraceWriter.start(store, "d.lm.md", "sha256:abc", "run", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of("x", Double.NaN)));
        assertEquals(List.of(), store.runIds(), "no trace is left by a run that could not start");
        try (TraceWriter w = TraceWriter.start(store, null, SampleRun.DOC_HASH, "run", Map.of())) {
            assertThrows(IllegalArgumentException.class, () -> w.cellEnd("c", Double.NaN));
            assertThrows(IllegalArgumentException.class,
                    () -> w.toolCall("c", "t", "1", "not a hash", Map.of(), 1, 0, false));
            assertThrows(NullPointerException.class, () -> w.cellStart(null, Map.of()));
            w.runEnd(1);
            assertEquals(1, w.lastSeq());
            w.close();
            assertTrue(TraceVerifier.verify(store, w.runId()).ok());
        }
    }

    private static List<String> hashes(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> CanonicalJson.parse(l).get("hash").textValue()).toList();
    }
}
