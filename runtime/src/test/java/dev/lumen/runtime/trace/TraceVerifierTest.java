package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.BlobStore;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.UserKey;
import dev.lumen.runtime.store.traces.TraceFiles;
import dev.lumen.runtime.trace.Verification.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What verification finds (trace-v1.md §5), in a store in a folder; {@link TraceVerifierInABucketTest} runs the
 * same tests in a bucket. Traces and heads are changed through the hooks below, which reach a file or the
 * segments and the head object alike.
 */
class TraceVerifierTest {

    @TempDir
    Path dir;

    Store store;
    TraceWriter run;

    /** A store of this backend. */
    Store newStore() throws Exception {
        return Store.at(dir);
    }

    /** Replaces the stored bytes of run {@code runId}'s trace, as someone who can write the store. */
    void rewrite(Store store, String runId, byte[] trace) throws IOException {
        Files.write(store.traceFile(runId), trace);
    }

    /** Replaces (or, with null, removes) run {@code runId}'s signed head. */
    void rewriteHead(Store store, String runId, byte[] head) throws IOException {
        Path file = ((TraceFiles) store.traces()).headFile(runId);
        if (head == null) {
            Files.delete(file);
        } else {
            Files.write(file, head);
        }
    }

    private void sample() throws Exception {
        store = newStore();
        run = SampleRun.write(store);
    }

    private byte[] bytes(TraceWriter writer) throws IOException {
        return store.traces().read(writer.runId()).orElseThrow();
    }

    private List<String> lines(TraceWriter writer) throws IOException {
        String text = new String(bytes(writer), StandardCharsets.UTF_8);
        return text.isEmpty() ? new ArrayList<>()
                : new ArrayList<>(List.of(text.substring(0, text.length() - 1).split("\n", -1)));
    }

    private void rewrite(byte[] trace) throws IOException {
        rewrite(store, run.runId(), trace);
    }

    private Verification verify() {
        return TraceVerifier.verify(store, run.runId());
    }

    @Test
    void anIntactTraceVerifiesToItsHead() throws Exception {
        sample();
        Verification v = verify();
        assertTrue(v.ok(), String.valueOf(v.problem()));
        assertEquals(7, v.events());
        assertTrue(v.finished());
        assertEquals(run.headHash(), v.head());
    }

    /** Which bytes {@link #aFlippedByteAnywhereIsDetected} flips: every one (1), or every n-th where a write is slow. */
    int flipStride() {
        return 1;
    }

    /** Every single-byte change anywhere in the file, two ways (low bit, ASCII case bit), is detected. */
    @Test
    void aFlippedByteAnywhereIsDetected() throws Exception {
        sample();
        byte[] original = bytes(run);
        int[] masks = {0x01, 0x20};
        for (int position = 0; position < original.length; position += flipStride()) {
            for (int mask : masks) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) mask;
                rewrite(damaged);
                Verification v = verify();
                if (v.ok()) {
                    fail("flipping bit mask " + mask + " of byte " + position + " (" + context(original, position)
                            + ") went unnoticed");
                }
                int lineOfByte = lineOf(original, position);
                assertEquals(lineOfByte, v.problem().line(), "the problem is reported at the damaged line: "
                        + v.problem() + " for byte " + position);
                assertEquals(lineOfByte - 1, v.events(), "the events before it verify");
            }
        }
        rewrite(original);
        assertTrue(verify().ok());
    }

    @Test
    void editingARecordedValueIsAHashMismatchAtThatEvent() throws Exception {
        sample();
        replaceInLine(3, "\"valid\":true", "\"valid\":false");
        Verification v = verify();
        assertEquals(Reason.HASH_MISMATCH, v.problem().reason());
        assertEquals(3, v.problem().seq());
        assertEquals(4, v.problem().line());
        assertEquals(3, v.events());
    }

    @Test
    void editingATimestampIsASealMismatch() throws Exception {
        sample();
        List<String> lines = lines(run);
        lines.set(2, lines.get(2).replaceAll("\"timestamp\":\"\\d{4}", "\"timestamp\":\"1999"));
        rewrite((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Verification v = verify();
        assertEquals(Reason.SEAL_MISMATCH, v.problem().reason());
        assertEquals(2, v.problem().seq());
    }

    @Test
    void aRecomputedHashAndPlainSealIsASealMismatchAndTheNextPrevHashBreaks() throws Exception {
        sample();
        List<String> lines = lines(run);
        // Change event 2's output and fix its hash and seal as someone without the key would: the seal is wrong.
        ObjectNode event = (ObjectNode) CanonicalJson.parse(lines.get(2));
        event.put("outputs", "forged");
        event.put("outputs_hash", CanonicalJson.hash("forged"));
        rechain(event, event.get("prev_hash").textValue());
        lines.set(2, CanonicalJson.write(event));
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEAL_MISMATCH, v.problem().reason());
        assertEquals(2, v.problem().seq());
        assertTrue(v.problem().message().contains("re-sealed without the key"), v.problem().message());
        assertTrue(v.problem().message().contains("tampered"), v.problem().message());

        // With the key's seal (as if the forger had it), the chain still breaks at event 3.
        event.put("seal", store.key().seal(UserKey.Purpose.EVENT, StoredJson.textOf(event, TraceFormat::sealed)));
        lines.set(2, CanonicalJson.write(event));
        write(lines);
        v = verify();
        assertEquals(Reason.PREV_HASH_MISMATCH, v.problem().reason());
        assertEquals(3, v.problem().seq());
        assertEquals(3, v.events());
    }

    @Test
    void swappedLinesAreASeqGap() throws Exception {
        sample();
        List<String> lines = new ArrayList<>(lines(run));
        Collections.swap(lines, 2, 3);
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(2, v.problem().seq());
        assertTrue(v.problem().message().contains("seq 3, expected 2"), v.problem().message());
    }

    @Test
    void aDeletedLineIsASeqGap() throws Exception {
        sample();
        List<String> lines = new ArrayList<>(lines(run));
        lines.remove(4);
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(4, v.problem().seq());
        assertTrue(v.problem().message().contains("missing"), v.problem().message());
    }

    /** Removing events from the end leaves a valid prefix of the chain, which no longer matches the signed head. */
    @Test
    void aTraceWhoseLastEventsWereRemovedIsTampered() throws Exception {
        sample();
        List<String> all = lines(run);
        for (int removed = 1; removed < all.size(); removed++) {
            write(all.subList(0, all.size() - removed));
            Verification v = verify();
            assertFalse(v.ok(), removed + " removed");
            assertEquals(Reason.TAMPERED, v.problem().reason(), removed + " removed: " + v);
            assertEquals(all.size() - removed, v.events(), "the events left verify on their own");
            assertEquals(removed + " events were removed from its end: its signed head records 7 events ending in "
                    + ContentHash.brief(run.headHash()) + ", the trace has " + (all.size() - removed), v.problem().message());
            assertFalse(v.finished());
        }
    }

    /** A forger who shortens the trace and ends it again needs the key for the new run_end and for the head. */
    @Test
    void aShortenedTraceWithAForgedEndIsTampered() throws Exception {
        sample();
        List<String> lines = new ArrayList<>(lines(run).subList(0, 4));
        ObjectNode end = (ObjectNode) CanonicalJson.parse(lines(run).getLast());
        end.put("seq", 4);
        String prev = ((ObjectNode) CanonicalJson.parse(lines.getLast())).get("hash").textValue();
        rechain(end, prev);
        lines.add(CanonicalJson.write(end));
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEAL_MISMATCH, v.problem().reason());
        assertEquals(4, v.problem().seq());

        // Sealing the forged run_end with another key does not help either: its seal is not the user's.
        UserKey forger = UserKey.of(new byte[UserKey.LENGTH]);
        end.put("seal", forger.seal(UserKey.Purpose.EVENT, StoredJson.textOf(end, TraceFormat::sealed)));
        lines.set(4, CanonicalJson.write(end));
        write(lines);
        assertEquals(Reason.SEAL_MISMATCH, verify().problem().reason());
    }

    @Test
    void aRemovedOrChangedHeadIsTampered() throws Exception {
        sample();
        String signed = new String(store.traces().head(run.runId()).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(signed.contains("\"state\":\"ended\""), signed);
        rewriteHead(store, run.runId(), signed.replace("\"events\":7", "\"events\":6").getBytes(StandardCharsets.UTF_8));
        Verification changed = verify();
        assertEquals(Reason.TAMPERED, changed.problem().reason());
        assertTrue(changed.problem().message().contains("does not verify: its seal is not your key's seal"), changed.problem().message());

        rewriteHead(store, run.runId(), null);
        Verification missing = verify();
        assertEquals(Reason.TAMPERED, missing.problem().reason());
        assertTrue(missing.problem().message().contains("is missing"), missing.problem().message());

        // The head of another run of the same user does not stand in for it.
        TraceWriter other = SampleRun.write(store);
        rewriteHead(store, run.runId(), store.traces().head(other.runId()).orElseThrow());
        assertTrue(verify().problem().message().contains("the head of another run"), verify().problem().message());
    }

    /** A run that never ended — killed, or still going — has a signed head that says so: it verifies, unfinished. */
    @Test
    void aRunThatNeverEndedVerifiesAsUnfinished() throws Exception {
        store = newStore();
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of())) {
            w.cellStart("c", Map.of());
            run = w;
        }
        Verification v = verify();
        assertTrue(v.ok(), v.toString());
        assertFalse(v.finished());
        assertEquals(2, v.events());
        assertTrue(v.signedByYou());
    }

    @Test
    void aRunThatFailedHasASignedEnd() throws Exception {
        store = newStore();
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of())) {
            w.error("run", "halt", "stopped", 3, 5);
            w.runFailed("halt", "stopped");
            run = w;
        }
        assertTrue(verify().ok() && verify().finished(), verify().toString());
        List<String> lines = lines(run);
        write(lines.subList(0, 2));
        assertEquals(Reason.TAMPERED, verify().problem().reason());
    }

    /** In a store two users share, each one's runs are sealed with their own key and verify only with it. */
    @Test
    void aRunSealedWithAnotherKeyIsReportedAsSuch() throws Exception {
        store = newStore();
        UserKey other = UserKey.of(new byte[UserKey.LENGTH]);
        run = SampleRun.write(store.withKey(other));
        Verification v = verify();
        assertNull(v.problem(), v.toString());
        assertFalse(v.ok());
        assertFalse(v.signedByYou());
        assertEquals(other.id(), v.signedBy());
        assertEquals(store.key().id(), v.yourKey());
        assertEquals(7, v.events());
        assertTrue(TraceVerifier.verify(store.withKey(other), run.runId()).ok(), "its own key verifies it");
    }

    /** Seals are outside the chain: the same run sealed with two keys has the same hashes, so replays agree across users. */
    @Test
    void theChainDoesNotDependOnTheKey() throws Exception {
        store = newStore();
        TraceWriter mine = SampleRun.write(store);
        TraceWriter theirs = SampleRun.write(store.withKey(UserKey.of(new byte[UserKey.LENGTH])));
        List<TraceEvent> a = TraceReader.read(store, mine.runId()).events();
        List<TraceEvent> b = TraceReader.read(store, theirs.runId()).events();
        assertEquals(a.stream().map(TraceEvent::hash).toList(), b.stream().map(TraceEvent::hash).toList());
        assertNotEquals(a.getFirst().text("seal"), b.getFirst().text("seal"));
    }

    /** A trace re-sealed with plain SHA-256 and stripped of its key and head looks like an old one: not signed, not ok. */
    @Test
    void aTraceDowngradedToPlainSealsIsNotSigned() throws Exception {
        sample();
        List<String> lines = new ArrayList<>();
        for (String line : lines(run)) {
            ObjectNode event = (ObjectNode) CanonicalJson.parse(line);
            event.remove("key_id");
            event.put("seal", StoredJson.hashOf(event, name -> TraceFormat.sealed(name)));
            lines.add(CanonicalJson.write(event));
        }
        write(lines);
        rewriteHead(store, run.runId(), null);
        Verification v = verify();
        assertNull(v.problem(), v.toString());
        assertNull(v.signedBy());
        assertFalse(v.ok());
    }

    @Test
    void aChangedKeyIdInARunSignedWithYourKeyIsASealMismatch() throws Exception {
        sample();
        String other = UserKey.of(new byte[UserKey.LENGTH]).id();
        replaceInLine(0, "\"key_id\":\"" + store.key().id() + "\"", "\"key_id\":\"" + other + "\"");
        Verification v = verify();
        assertEquals(Reason.SEAL_MISMATCH, v.problem().reason());
        assertEquals(0, v.problem().seq());
    }

    @Test
    void aRepeatedLineIsDetected() throws Exception {
        sample();
        List<String> lines = new ArrayList<>(lines(run));
        lines.add(3, lines.get(2));
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(3, v.problem().seq());
    }

    @Test
    void aTruncatedLastLineIsReportedAsTruncatedAfterTheCompleteEvents() throws Exception {
        sample();
        byte[] bytes = bytes(run);
        int lastLineStart = lastIndexOf(bytes, (byte) '\n', bytes.length - 2) + 1;
        for (int cut : new int[] {lastLineStart + 1, lastLineStart + 40, bytes.length - 1}) {
            rewrite(java.util.Arrays.copyOf(bytes, cut));
            Verification v = verify();
            assertEquals(Reason.TRUNCATED, v.problem().reason(), "cut at " + cut);
            assertEquals(6, v.problem().seq());
            assertEquals(6, v.events(), "the complete events before it verify");
        }
        rewrite(java.util.Arrays.copyOf(bytes, lastLineStart));
        assertEquals(Reason.TAMPERED, verify().problem().reason(), "a whole line cut off no longer matches the signed head");
    }

    @Test
    void aMissingOrCorruptBlobIsNamed() throws Exception {
        sample();
        TraceEvent call = TraceReader.read(store, run.runId()).events().get(4);
        String blob = BlobStore.name(call.outputsHash());
        var stored = store.objects().get(blob).orElseThrow();
        byte[] content = stored.content();
        content[100] ^= 1;
        assertTrue(store.objects().replace(blob, content, stored.version()));
        Verification corrupt = verify();
        assertEquals(Reason.CORRUPT_BLOB, corrupt.problem().reason());
        assertEquals(4, corrupt.problem().seq());
        assertTrue(store.objects().delete(blob));
        Verification missing = verify();
        assertEquals(Reason.MISSING_BLOB, missing.problem().reason());
        assertEquals(4, missing.problem().seq());
        assertTrue(missing.problem().message().contains(call.outputsHash()), missing.problem().message());
    }

    @Test
    void structureIsChecked() throws Exception {
        sample();
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertEquals(Reason.EMPTY, TraceVerifier.verify(empty, dir.resolve("empty.head"), store.blobs(), store.key(), null)
                .problem().reason());

        TraceWriter other = SampleRun.write(store);
        List<String> lines = new ArrayList<>(lines(run));
        lines.add(lines(other).get(1)); // an event of another run after run_end
        write(lines);
        Verification v = verify();
        assertEquals(Reason.MALFORMED, v.problem().reason());
        assertEquals(7, v.problem().seq());

        Path renamed = dir.resolve("renamed.jsonl");
        Files.copy(other.file(), renamed);
        assertTrue(TraceVerifier.verify(renamed, other.headFile(), store.blobs(), store.key(), null).ok());
        Verification wrongRun = TraceVerifier.verify(renamed, other.headFile(), store.blobs(), store.key(), run.runId());
        assertEquals(Reason.MALFORMED, wrongRun.problem().reason());
        assertEquals(0, wrongRun.problem().seq());
    }

    @Test
    void spacesOrAnUppercaseExponentAreNotCanonical() throws Exception {
        sample();
        try (TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of("x", 1e21))) {
            run = w;
        }
        replaceInLine(0, "1e+21", "1E+21");
        assertEquals(Reason.NOT_CANONICAL, verify().problem().reason());
        replaceInLine(0, "1E+21", "1e+21");
        assertTrue(verify().ok());
        replaceInLine(0, "\"seq\":0", "\"seq\": 0");
        assertEquals(Reason.NOT_CANONICAL, verify().problem().reason());
        replaceInLine(0, "\"seq\": 0", "{\"seq\":0");
        assertEquals(Reason.UNPARSEABLE, verify().problem().reason());
    }

    // ------------------------------------------------------------------------------------ helpers

    /** What a forger without the key does after changing an event: recompute its chain hash and plain seal. */
    private static void rechain(ObjectNode event, String prevHash) {
        event.put("prev_hash", prevHash);
        event.put("hash", StoredJson.hashOf(event, TraceFormat::chained));
        event.put("seal", StoredJson.hashOf(event, TraceFormat::sealed));
    }

    private void replaceInLine(int index, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(lines(run));
        assertTrue(lines.get(index).contains(from), lines.get(index));
        lines.set(index, lines.get(index).replace(from, to));
        write(lines);
    }

    private void write(List<String> lines) throws IOException {
        rewrite((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int lineOf(byte[] bytes, int position) {
        int line = 0;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line + 1;
    }

    private static int lastIndexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String context(byte[] bytes, int position) {
        int from = Math.max(0, position - 20);
        int to = Math.min(bytes.length, position + 20);
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
