package dev.lumen.runtime.trace;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.RecordedValue;
import dev.lumen.runtime.store.RunId;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.store.Timestamps;
import dev.lumen.runtime.store.UserKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the trace of one run: {@code .lumen/trace/<run_id>.jsonl}, one hash-chained event per line, each
 * sealed with the user's key, and the run's {@link SignedHead signed head} beside it (spec trace-v1.md §3–4).
 *
 * <p>{@link #start} creates the file and writes {@code run_start}; each method then appends one event and
 * returns its {@code seq}. Every event is written with a single {@code write} to a file opened for appending,
 * so a killed process leaves complete lines and at most one partial last line. Values are anything {@link
 * CanonicalJson#write(Object)} accepts, or a {@link CanonicalValue} (pass one when its hash is needed
 * elsewhere too, e.g. for the cache key, so it is computed once); values over 1 KB go to blobs first.
 *
 * <p>Methods are synchronized: one writer may be shared by the threads of a run. A value with no JSON form
 * (NaN, a lone surrogate) is an {@link IllegalArgumentException} and writes nothing; so are a null name and a
 * malformed hash. A failed write throws {@link StoreException} and leaves the writer unusable. Closing does not
 * end the run: call {@link #runEnd} or {@link #runFailed} first (which sign the head), or the trace stays
 * unfinished (as when the process is killed). Each event written is also heard by the {@link TraceTap}'s listener.
 */
public final class TraceWriter implements AutoCloseable {
    private final Store store;
    private final UserKey key;
    private final String runId;
    private final Path file;
    private final Path headFile;
    private final FileChannel channel;
    private long nextSeq;
    private String head = TraceFormat.GENESIS;
    private boolean broken;
    private boolean ended;

    private TraceWriter(Store store, UserKey key, String runId, Path file, FileChannel channel) {
        this.store = store;
        this.key = key;
        this.runId = runId;
        this.file = file;
        this.headFile = SignedHead.headFileBeside(file);
        this.channel = channel;
    }

    /**
     * Starts the trace of a new run in {@code store} and writes its {@code run_start} event.
     *
     * @param doc       the document as the user named it (not hashed; shown by {@code lumen trace}), or null
     * @param docHash   the hash of the document's bytes, {@code CanonicalJson.sha256(bytes)}
     * @param cell      the cell the run executes
     * @param arguments the cell's arguments, a map from parameter name to value
     */
    public static TraceWriter start(Store store, String doc, String docHash, String cell, Object arguments) {
        requireHash("docHash", docHash);
        Objects.requireNonNull(cell, "cell");
        CanonicalValue inputs = CanonicalValue.of(arguments); // before any file exists, so a bad value leaves none
        UserKey key = store.key(); // likewise a key file that cannot be used
        Path dir = store.traceDir();
        while (true) {
            String runId = RunId.next();
            Path file = store.traceFile(runId);
            FileChannel channel;
            try {
                Files.createDirectories(dir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            } catch (FileAlreadyExistsException e) {
                continue; // another process drew the same id in the same millisecond
            } catch (IOException e) {
                throw new StoreException("cannot create the trace `" + file + "`: " + e.getMessage(), e);
            }
            TraceWriter writer = new TraceWriter(store, key, runId, file, channel);
            CanonicalObject event = new CanonicalObject()
                    .put("format", TraceFormat.FORMAT)
                    .put("run_id", runId)
                    .put("key_id", key.id())
                    .put("doc_hash", docHash)
                    .put("cell", cell);
            if (doc != null) {
                event.put("doc", doc);
            }
            try {
                // before the first event, so that a trace with events always has a head: one without lost it
                SignedHead.writeRunning(writer.headFile, key, runId);
                writer.value(event, "inputs", inputs);
                writer.append(EventKind.RUN_START, event);
            } catch (RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return writer;
        }
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** The trace file. */
    public Path file() {
        return file;
    }

    /** The run's signed head, beside the trace file. */
    public Path headFile() {
        return headFile;
    }

    /** The {@code seq} of the last event written. */
    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    /** The hash of the last event written: the head of the chain. */
    public synchronized String headHash() {
        return head;
    }

    /** A cell that performs effects begins; {@code arguments} maps parameter names to values. */
    public synchronized long cellStart(String cell, Object arguments) {
        Objects.requireNonNull(cell, "cell");
        CanonicalObject event = new CanonicalObject().put("cell", cell);
        value(event, "inputs", arguments);
        return append(EventKind.CELL_START, event);
    }

    /** A cell that performs effects returns {@code result}. */
    public synchronized long cellEnd(String cell, Object result) {
        Objects.requireNonNull(cell, "cell");
        CanonicalObject event = new CanonicalObject().put("cell", cell);
        value(event, "outputs", result);
        return append(EventKind.CELL_END, event);
    }

    /**
     * A tool call that returned {@code outputs}, executed ({@code cached} false) or answered from the cache.
     *
     * @param policyHash the hash of the grant the call ran under (the cache key's policy hash)
     * @param inputs     the call's arguments, a map from input name to JSON value
     * @param latencyMs  how long the call took (or the cache lookup, when cached)
     */
    public synchronized long toolCall(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, Object outputs, long latencyMs, boolean cached) {
        return toolCall(cell, toolId, toolVersion, policyHash, inputs, outputs, latencyMs, cached, Map.of(), Map.of());
    }

    /**
     * A tool call, with figures the tool reported about it beside its output ({@code usage}: an LLM's
     * {@code gen_ai.usage.input_tokens} and the like) and, for an MCP tool, the server that answered
     * ({@code server}: its name, version and protocol revision); both unchained, since a cached answer has neither.
     */
    public synchronized long toolCall(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, Object outputs, long latencyMs, boolean cached, Map<String, Object> usage,
            Map<String, Object> server) {
        return toolCall(cell, toolId, toolVersion, policyHash, inputs, outputs, latencyMs, cached, true, usage, server);
    }

    /**
     * A tool call, {@code performed} false when an offline run did not perform it and answered it with the output
     * the cache recorded for it instead (run.md §6.3): the event then says so in the unchained {@code performed}.
     */
    public synchronized long toolCall(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, Object outputs, long latencyMs, boolean cached, boolean performed,
            Map<String, Object> usage, Map<String, Object> server) {
        return toolCall(cell, toolId, toolVersion, policyHash, inputs, outputs, latencyMs, cached, performed, usage,
                server, 0);
    }

    /**
     * A tool call, {@code repairs} the seq of the failed {@code schema_validate} event a model call retries (a
     * repair loop, tools-llm.md §10), or 0: chained, as the call it names is.
     */
    public synchronized long toolCall(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, Object outputs, long latencyMs, boolean cached, boolean performed,
            Map<String, Object> usage, Map<String, Object> server, long repairs) {
        CanonicalObject event = toolEvent(cell, toolId, toolVersion, policyHash, inputs, latencyMs, cached);
        if (repairs > 0) {
            event.put("repairs", repairs);
        }
        if (!performed) {
            event.put("performed", false);
        }
        value(event, "outputs", outputs);
        if (!usage.isEmpty()) {
            event.putCanonical("usage", CanonicalJson.write(usage));
        }
        if (!server.isEmpty()) {
            event.putCanonical("server", CanonicalJson.write(server));
        }
        return append(EventKind.TOOL_CALL, event);
    }

    /**
     * A tool call that failed (refused by its grant, timed out, or returned an error): recorded with its
     * arguments and the error instead of an output. The error that stops the program follows as {@link #error}.
     */
    public synchronized long toolFailed(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, String errorKind, String message, long latencyMs) {
        return toolFailed(cell, toolId, toolVersion, policyHash, inputs, errorKind, message, latencyMs, Map.of());
    }

    /** A failed tool call, with the MCP server that refused or failed it ({@code server}, unchained), if one did. */
    public synchronized long toolFailed(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, String errorKind, String message, long latencyMs, Map<String, Object> server) {
        Objects.requireNonNull(errorKind, "errorKind");
        Objects.requireNonNull(message, "message");
        CanonicalObject event = toolEvent(cell, toolId, toolVersion, policyHash, inputs, latencyMs, false)
                .put("error_kind", errorKind)
                .put("message", message);
        if (!server.isEmpty()) {
            event.putCanonical("server", CanonicalJson.write(server));
        }
        return append(EventKind.TOOL_CALL, event);
    }

    /**
     * A schema validation of {@code input} against {@code schema} (a type name): {@code valid}, and {@code
     * outputs} the validated value when valid, the ValidationError value when not.
     */
    public synchronized long schemaValidate(String cell, String schema, Object input, boolean valid, Object outputs) {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(schema, "schema");
        CanonicalObject event = new CanonicalObject()
                .put("cell", cell)
                .put("schema", schema)
                .put("valid", valid);
        value(event, "inputs", input);
        value(event, "outputs", outputs);
        return append(EventKind.SCHEMA_VALIDATE, event);
    }

    /**
     * A runtime error that stops the program.
     *
     * @param cell      the cell the error happened in, or null when it happened outside any cell
     * @param errorKind the kind, as runtime errors report it ({@code runtime}, {@code halt}, {@code tool}, …)
     * @param line      its line in the document, or 0 when it has no location
     * @param column    its column, or 0
     */
    public synchronized long error(String cell, String errorKind, String message, int line, int column) {
        Objects.requireNonNull(errorKind, "errorKind");
        Objects.requireNonNull(message, "message");
        CanonicalObject event = new CanonicalObject()
                .put("error_kind", errorKind)
                .put("message", message);
        if (cell != null) {
            event.put("cell", cell);
        }
        if (line > 0) {
            event.put("line", line).put("column", column);
        }
        return append(EventKind.ERROR, event);
    }

    /** The run ends with {@code result}; the head is signed. */
    public synchronized long runEnd(Object result) {
        CanonicalObject event = new CanonicalObject().put("status", "ok");
        value(event, "outputs", result);
        return append(EventKind.RUN_END, event);
    }

    /** The run ends with an error (already recorded by {@link #error}); the head is signed. */
    public synchronized long runFailed(String errorKind, String message) {
        Objects.requireNonNull(errorKind, "errorKind");
        Objects.requireNonNull(message, "message");
        CanonicalObject event = new CanonicalObject()
                .put("status", "error")
                .put("error_kind", errorKind)
                .put("message", message);
        return append(EventKind.RUN_END, event);
    }

    /** Closes the file. The trace stays as written: unfinished if the run has not ended. */
    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close the trace `" + file + "`: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------ events

    private CanonicalObject toolEvent(String cell, String toolId, String toolVersion, String policyHash,
            Object inputs, long latencyMs, boolean cached) {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(toolId, "toolId");
        Objects.requireNonNull(toolVersion, "toolVersion");
        requireHash("policyHash", policyHash);
        CanonicalObject event = new CanonicalObject()
                .put("cell", cell)
                .put("tool_id", toolId)
                .put("tool_version", toolVersion)
                .put("policy_hash", policyHash)
                .put("latency_ms", latencyMs)
                .put("cached", cached);
        value(event, "inputs", inputs);
        return event;
    }

    private static void requireHash(String what, String hash) {
        if (!ContentHash.isValid(hash)) {
            throw new IllegalArgumentException(what + " must be \"sha256:\" and 64 lowercase hex digits, not " + hash);
        }
    }

    private void value(CanonicalObject event, String name, Object value) {
        RecordedValue.record(event, name, CanonicalValue.of(value), store.blobs());
    }

    /**
     * Completes the event (seq, kind, chain, timestamp, seal) and appends it as one line with one write; after
     * run_end, signs the head.
     */
    private long append(EventKind kind, CanonicalObject event) {
        if (broken) {
            throw new StoreException("the trace `" + file + "` cannot be continued after a failed write");
        }
        if (!channel.isOpen()) {
            throw new StoreException("the trace `" + file + "` is closed");
        }
        if (ended) {
            throw new IllegalStateException("the run " + runId + " has ended");
        }
        long seq = nextSeq;
        event.put("seq", seq).put("kind", kind.wireName()).put("prev_hash", head);
        String hash = CanonicalJson.sha256(event.text(TraceFormat::chained));
        event.put("hash", hash).put("timestamp", Timestamps.now());
        event.put("seal", key.seal(UserKey.Purpose.EVENT, event.text(TraceFormat::sealed)));
        String text = event.text();
        ByteBuffer line = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            broken = true;
            throw new StoreException("cannot write the trace `" + file + "`: " + e.getMessage(), e);
        }
        head = hash;
        nextSeq = seq + 1;
        ended = kind == EventKind.RUN_END;
        if (ended) {
            try {
                SignedHead.writeEnded(headFile, key, runId, nextSeq, head);
            } catch (StoreException e) {
                broken = true;
                throw e;
            }
        }
        TraceTap.written(runId, seq, text);
        return seq;
    }
}
