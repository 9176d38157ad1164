package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
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

class TraceVerifierTest {

    @TempDir
    Path dir;

    private Store store;
    private TraceWriter run;

    private void sample() {
        store = Store.at(dir);
        run = SampleRun.write(store);
    }

    private Verification verify() {
        return TraceVerifier.verify(store, run.runId());
    }

    @Test
    void anIntactTraceVerifiesToItsHead() {
        sample();
        Verification v = verify();
        assertTrue(v.ok(), String.valueOf(v.problem()));
        assertEquals(7, v.events());
        assertTrue(v.finished());
        assertEquals(run.headHash(), v.head());
    }

    /** Every single-byte change anywhere in the file, two ways (low bit, ASCII case bit), is detected. */
    @Test
    void aFlippedByteAnywhereIsDetected() throws IOException {
        sample();
        byte[] original = Files.readAllBytes(run.file());
        int[] masks = {0x01, 0x20};
        for (int position = 0; position < original.length; position++) {
            for (int mask : masks) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) mask;
                Files.write(run.file(), damaged);
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
        Files.write(run.file(), original);
        assertTrue(verify().ok());
    }

    @Test
    void editingARecordedValueIsAHashMismatchAtThatEvent() throws IOException {
        sample();
        replaceInLine(3, "\"valid\":true", "\"valid\":false");
        Verification v = verify();
        assertEquals(Reason.HASH_MISMATCH, v.problem().reason());
        assertEquals(3, v.problem().seq());
        assertEquals(4, v.problem().line());
        assertEquals(3, v.events());
    }

    @Test
    void editingATimestampIsASealMismatch() throws IOException {
        sample();
        List<String> lines = Files.readAllLines(run.file());
        lines.set(2, lines.get(2).replaceAll("\"timestamp\":\"\\d{4}", "\"timestamp\":\"1999"));
        Files.write(run.file(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Verification v = verify();
        assertEquals(Reason.SEAL_MISMATCH, v.problem().reason());
        assertEquals(2, v.problem().seq());
    }

    @Test
    void aRecomputedHashStillBreaksTheNextPrevHash() throws IOException {
        sample();
        List<String> lines = Files.readAllLines(run.file());
        // Change event 2's output and fix its hash and seal: the chain breaks at event 3.
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.parse(lines.get(2));
        event.put("outputs", "forged");
        event.put("outputs_hash", CanonicalJson.hash("forged"));
        event.put("hash", dev.lumen.runtime.store.StoredJson.hashOf(event, TraceFormat::chained));
        event.put("seal", dev.lumen.runtime.store.StoredJson.hashOf(event, TraceFormat::sealed));
        lines.set(2, CanonicalJson.write(event));
        write(lines);
        Verification v = verify();
        assertEquals(Reason.PREV_HASH_MISMATCH, v.problem().reason());
        assertEquals(3, v.problem().seq());
        assertEquals(3, v.events());
    }

    @Test
    void swappedLinesAreASeqGap() throws IOException {
        sample();
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        Collections.swap(lines, 2, 3);
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(2, v.problem().seq());
        assertTrue(v.problem().message().contains("seq 3, expected 2"), v.problem().message());
    }

    @Test
    void aDeletedLineIsASeqGap() throws IOException {
        sample();
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        lines.remove(4);
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(4, v.problem().seq());
        assertTrue(v.problem().message().contains("missing"), v.problem().message());
    }

    @Test
    void aDeletedLastEventLeavesAnUnfinishedButValidTrace() throws IOException {
        sample();
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        lines.removeLast();
        write(lines);
        Verification v = verify();
        assertTrue(v.ok());
        assertFalse(v.finished());
        assertEquals(6, v.events());
    }

    @Test
    void aRepeatedLineIsDetected() throws IOException {
        sample();
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        lines.add(3, lines.get(2));
        write(lines);
        Verification v = verify();
        assertEquals(Reason.SEQ_GAP, v.problem().reason());
        assertEquals(3, v.problem().seq());
    }

    @Test
    void aTruncatedLastLineIsReportedAsTruncatedAfterTheCompleteEvents() throws IOException {
        sample();
        byte[] bytes = Files.readAllBytes(run.file());
        int lastLineStart = lastIndexOf(bytes, (byte) '\n', bytes.length - 2) + 1;
        for (int cut : new int[] {lastLineStart + 1, lastLineStart + 40, bytes.length - 1}) {
            Files.write(run.file(), java.util.Arrays.copyOf(bytes, cut));
            Verification v = verify();
            assertEquals(Reason.TRUNCATED, v.problem().reason(), "cut at " + cut);
            assertEquals(6, v.problem().seq());
            assertEquals(6, v.events(), "the complete events before it verify");
        }
        Files.write(run.file(), java.util.Arrays.copyOf(bytes, lastLineStart));
        assertTrue(verify().ok());
    }

    @Test
    void aMissingOrCorruptBlobIsNamed() throws IOException {
        sample();
        TraceEvent call = TraceReader.read(store, run.runId()).events().get(4);
        Path blob = store.blobs().path(call.outputsHash());
        byte[] content = Files.readAllBytes(blob);
        content[100] ^= 1;
        Files.write(blob, content);
        Verification corrupt = verify();
        assertEquals(Reason.CORRUPT_BLOB, corrupt.problem().reason());
        assertEquals(4, corrupt.problem().seq());
        Files.delete(blob);
        Verification missing = verify();
        assertEquals(Reason.MISSING_BLOB, missing.problem().reason());
        assertEquals(4, missing.problem().seq());
        assertTrue(missing.problem().message().contains(call.outputsHash()), missing.problem().message());
    }

    @Test
    void structureIsChecked() throws IOException {
        sample();
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertEquals(Reason.EMPTY, TraceVerifier.verify(empty, store.blobs(), null).problem().reason());

        TraceWriter other = SampleRun.write(store);
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        lines.add(Files.readAllLines(other.file()).get(1)); // an event of another run after run_end
        write(lines);
        Verification v = verify();
        assertEquals(Reason.MALFORMED, v.problem().reason());
        assertEquals(7, v.problem().seq());

        Path renamed = dir.resolve("renamed.jsonl");
        Files.copy(other.file(), renamed);
        assertTrue(TraceVerifier.verify(renamed, store.blobs(), null).ok());
        Verification wrongRun = TraceVerifier.verify(renamed, store.blobs(), run.runId());
        assertEquals(Reason.MALFORMED, wrongRun.problem().reason());
        assertEquals(0, wrongRun.problem().seq());
    }

    @Test
    void spacesOrAnUppercaseExponentAreNotCanonical() throws IOException {
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

    private void replaceInLine(int index, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(run.file()));
        assertTrue(lines.get(index).contains(from), lines.get(index));
        lines.set(index, lines.get(index).replace(from, to));
        write(lines);
    }

    private void write(List<String> lines) throws IOException {
        Files.write(run.file(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
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
