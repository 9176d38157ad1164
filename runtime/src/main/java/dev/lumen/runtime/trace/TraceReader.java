package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.store.StoredJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads trace files. Reading parses lines without checking hashes ({@link TraceVerifier} does that); it
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
        return read(store.traceFile(runId), runId);
    }

    /** Reads the trace file {@code file} of run {@code runId}. */
    public static Trace read(Path file, String runId) {
        byte[] bytes = readBytes(file);
        List<TraceEvent> events = new ArrayList<>();
        for (Line line : lines(bytes)) {
            if (!line.complete()) {
                return new Trace(runId, file, events, "line " + line.number() + " is incomplete (the run was"
                        + " stopped while writing it)");
            }
            try {
                ObjectNode json = StoredJson.parseCanonicalObject(bytes, line.start(), line.end() - line.start());
                events.add(new TraceEvent(json, line.number()));
            } catch (StoredJson.NotCanonical e) {
                return new Trace(runId, file, events, "line " + line.number() + " cannot be read: " + e.getMessage());
            }
        }
        return new Trace(runId, file, events, null);
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoreException("no trace `" + file + "`", e);
        } catch (IOException e) {
            throw new StoreException("cannot read the trace `" + file + "`: " + e.getMessage(), e);
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
