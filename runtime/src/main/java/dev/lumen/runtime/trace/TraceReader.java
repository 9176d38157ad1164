package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.traces.RunTraces;
import dev.lumen.runtime.store.traces.TraceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads traces. Reading parses lines without checking hashes ({@link TraceVerifier} does that); it
 * stops at the first line that is not canonical JSON, and at a last line without its newline (a write cut
 * short), and says so in {@link Trace#problem()}.
 */
public final class TraceReader {
    private TraceReader() {
    }

    /** A line of a trace file: bytes {@code [start, end)} of the file, without the newline. */
    record Line(int number, int start, int end, boolean complete) {
    }

    /** Reads run {@code runId} of {@code store}. */
    public static Trace read(Store store, String runId) {
        RunTraces traces = store.traces();
        return read(readBytes(traces, runId), runId, traces.where(runId));
    }

    /** Reads the trace file {@code file} of run {@code runId}. */
    public static Trace read(Path file, String runId) {
        return read(readBytes(file), runId, file.toString());
    }

    /** The bytes of the trace file {@code file}. */
    static byte[] readBytes(Path file) {
        try {
            return TraceFiles.readFile(file).orElseThrow(() -> new StoreException("no trace `" + file + "`"));
        } catch (IOException e) {
            throw new StoreException("cannot read the trace `" + file + "`: " + e.getMessage(), e);
        }
    }

    /** Reads the bytes {@code bytes} of the trace of run {@code runId}, which is at {@code where}. */
    static Trace read(byte[] bytes, String runId, String where) {
        List<TraceEvent> events = new ArrayList<>();
        for (Line line : lines(bytes)) {
            if (!line.complete()) {
                return new Trace(runId, where, events, "line " + line.number() + " is incomplete (the run was"
                        + " stopped while writing it)");
            }
            try {
                ObjectNode json = StoredJson.parseCanonicalObject(bytes, line.start(), line.end() - line.start());
                events.add(new TraceEvent(json, line.number()));
            } catch (StoredJson.NotCanonical e) {
                return new Trace(runId, where, events, "line " + line.number() + " cannot be read: " + e.getMessage());
            }
        }
        return new Trace(runId, where, events, null);
    }

    /** The bytes of run {@code runId}'s trace in {@code traces}. */
    static byte[] readBytes(RunTraces traces, String runId) {
        try {
            return traces.read(runId).orElseThrow(() -> new StoreException("no trace `" + traces.where(runId) + "`"));
        } catch (IOException e) {
            throw new StoreException("cannot read the trace `" + traces.where(runId) + "`: " + e.getMessage(), e);
        }
    }

    /** Splits a trace file into lines at each {@code \n}; a last line without one is incomplete. */
    static List<Line> lines(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new Line(number++, start, i, true));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(new Line(number, start, bytes.length, false));
        }
        return lines;
    }
}
