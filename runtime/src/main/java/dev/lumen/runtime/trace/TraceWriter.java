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
import dev.lumen.runtime.store.traces.RunTraces;
import dev.lumen.runtime.store.traces.TraceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the trace of one run: one hash-chained event per line, each sealed with the user's key, and the run's
 * {@link SignedHead signed head} (spec trace-v1.md §3–4), where the store keeps traces ({@link RunTraces}): {@code
 * .lumen/trace/<run_id>.jsonl} in a folder, segments in a bucket.
 *
 * <p>{@link #start} claims a run id and writes {@code run_start}; each method then appends one event and
 * returns its {@code seq}. An event that records an effect (a tool call performed, an error, the end) is
 * stored before its method returns; in a folder every event is, with one {@code write} to a file opened for
 * appending, so a killed process leaves complete lines and at most one partial last line. Values are anything {@link
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
    /** How many run ids a start draws before it gives up. */
    private static final int CLAIM_ATTEMPTS = 16;
    /** The run each thread started last: a host that calls cells one after another learns each call's run. */
    private static final ThreadLocal<String> STARTED_HERE = new ThreadLocal<>();
    private final Store store;
    private final UserKey key;
    private final String runId;
    private final RunTraces.Appender appender;
    private long nextSeq;
    private String head = TraceFormat.GENESIS;
    private boolean broken;
    private boolean closed;
    private boolean ended;

    private TraceWriter(Store store, UserKey key, String runId, RunTraces.Appender appender) {
        this.store = store;
        this.key = key;
        this.runId = runId;
        this.appender = appender;
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
        CanonicalValue inputs = CanonicalValue.of(arguments); // before anything is written, so a bad value leaves nothing
        UserKey key = store.key(); // likewise a key file that cannot be used
        RunTraces traces = store.traces();
        for (int attempt = 1; ; attempt++) {
            String runId = RunId.next();
            Optional<RunTraces.Appender> appender;
            try {
                // the head before the first event, so that a trace with events always has a head: one without lost it
                appender = traces.begin(runId, SignedHead.running(key, runId));
            } catch (IOException e) {
                throw new StoreException("cannot create the trace `" + traces.where(runId) + "`: " + e.getMessage(), e);
            }
            if (appender.isEmpty()) {
                if (attempt == CLAIM_ATTEMPTS) { // ids differ in 32 random bits: something else refuses every claim
                    throw new StoreException("cannot create the trace `" + traces.where(runId) + "`: " + CLAIM_ATTEMPTS
                            + " run ids in a row were taken");
                }
                continue; // another process drew the same id in the same millisecond
            }
            TraceWriter writer = new TraceWriter(store, key, runId, appender.get());
            STARTED_HERE.set(runId);
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
                writer.value(event, "inputs", inputs);
                writer.append(EventKind.RUN_START, event, false);
            } catch (RuntimeException e) {
                try {
                    writer.appender.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return writer;
        }
    }

    /** The id of the run this thread started last; empty when it started none. */
    public static Optional<String> startedOnThisThread() {
        return Optional.ofNullable(STARTED_HERE.get());
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** Where the trace is, for messages: its file, or its address in a bucket. */
    public String where() {
        return store.traces().where(runId);
    }

    /** The trace file, in a store in a folder. */
    public Path file() {
        return store.traceFile(runId);
    }

    /** The run's signed head, beside the trace file, in a store in a folder. */
    public Path headFile() {
        return ((TraceFiles) store.traces()).headFile(runId);
    }

    /** The trace as written so far, every event included. */
    public synchronized Trace read() {
        if (!broken && !closed) {
            try {
                appender.flush();
            } catch (IOException e) {
                broken = true;
                throw new StoreException("cannot write the trace `" + where() + "`: " + e.getMessage(), e);
            }
        }
        return TraceReader.read(store, runId);
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
        return append(EventKind.CELL_START, event, false);
    }

    /** A cell that performs effects returns {@code result}. */
    public synchronized long cellEnd(String cell, Object result) {
        Objects.requireNonNull(cell, "cell");
        CanonicalObject event = new CanonicalObject().put("cell", cell);
        value(event, "outputs", result);
        return append(EventKind.CELL_END, event, false);
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
        return append(EventKind.TOOL_CALL, event, performed && !cached);
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
        return append(EventKind.TOOL_CALL, event, true);
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
        return append(EventKind.SCHEMA_VALIDATE, event, false);
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
        return append(EventKind.ERROR, event, true);
    }

    /** The run ends with {@code result}; the head is signed. */
    public synchronized long runEnd(Object result) {
        CanonicalObject event = new CanonicalObject().put("status", "ok");
        value(event, "outputs", result);
        return append(EventKind.RUN_END, event, true);
    }

    /** The run ends with an error (already recorded by {@link #error}); the head is signed. */
    public synchronized long runFailed(String errorKind, String message) {
        Objects.requireNonNull(errorKind, "errorKind");
        Objects.requireNonNull(message, "message");
        CanonicalObject event = new CanonicalObject()
                .put("status", "error")
                .put("error_kind", errorKind)
                .put("message", message);
        return append(EventKind.RUN_END, event, true);
    }

    /** Stores every event and closes the trace. It stays as written: unfinished if the run has not ended. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            appender.close();
        } catch (IOException e) {
            throw new StoreException("cannot write the trace `" + where() + "`: " + e.getMessage(), e);
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
     * Completes the event (seq, kind, chain, timestamp, seal) and appends it as one line; {@code settle} when it
     * records an effect, so the line is stored before the run goes on. After run_end, signs the head.
     */
    private long append(EventKind kind, CanonicalObject event, boolean settle) {
        if (broken) {
            throw new StoreException("the trace `" + where() + "` cannot be continued after a failed write");
        }
        if (closed) {
            throw new StoreException("the trace `" + where() + "` is closed");
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
        boolean ending = kind == EventKind.RUN_END;
        try {
            appender.append((text + "\n").getBytes(StandardCharsets.UTF_8), settle);
            if (ending) {
                appender.end(SignedHead.ended(key, runId, seq + 1, hash));
            }
        } catch (IOException e) {
            broken = true;
            throw new StoreException("cannot write the trace `" + where() + "`: " + e.getMessage(), e);
        }
        head = hash;
        nextSeq = seq + 1;
        ended = ending;
        TraceTap.written(runId, seq, text);
        return seq;
    }
}
