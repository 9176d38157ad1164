package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.RecordedValue;
import dev.lumen.runtime.store.StoredJson;
import java.util.Optional;

/**
 * One event read from a trace: the parsed line, with accessors for the members of spec trace-v1.md §4.
 * Accessors return null (or empty) for members the event does not have.
 */
public final class TraceEvent {
    private final ObjectNode json;
    private final int line;

    TraceEvent(ObjectNode json, int line) {
        this.json = json;
        this.line = line;
    }

    /** The event as JSON (do not modify). */
    public ObjectNode json() {
        return json;
    }

    /** Its line in the trace file, from 1. */
    public int line() {
        return line;
    }

    public long seq() {
        JsonNode v = json.get("seq");
        return v != null && v.canConvertToLong() ? v.longValue() : -1;
    }

    /** The kind, or null if the event names an unknown one ({@link #kindName()} has it). */
    public EventKind kind() {
        return EventKind.fromWireName(kindName());
    }

    public String kindName() {
        return text("kind");
    }

    public String hash() {
        return text("hash");
    }

    public String prevHash() {
        return text("prev_hash");
    }

    public String timestamp() {
        return text("timestamp");
    }

    public String cell() {
        return text("cell");
    }

    public String toolId() {
        return text("tool_id");
    }

    public String toolVersion() {
        return text("tool_version");
    }

    public String policyHash() {
        return text("policy_hash");
    }

    public String schema() {
        return text("schema");
    }

    public String errorKind() {
        return text("error_kind");
    }

    public String message() {
        return text("message");
    }

    /** run_end: {@code ok} or {@code error}. */
    public String status() {
        return text("status");
    }

    /** run_start: the run's id. */
    public String runId() {
        return text("run_id");
    }

    /** run_start: the document as the user named it. */
    public String doc() {
        return text("doc");
    }

    /** run_start: the hash of the document's bytes. */
    public String docHash() {
        return text("doc_hash");
    }

    /** tool_call: whether the output came from the cache. */
    public boolean cached() {
        JsonNode v = json.get("cached");
        return v != null && v.asBoolean(false);
    }

    /** tool_call: false when an offline run answered the call from the cache instead of performing it. */
    public boolean performed() {
        JsonNode v = json.get("performed");
        return v == null || v.asBoolean(true);
    }

    /** tool_call: how long the call took, or -1. */
    public long latencyMs() {
        JsonNode v = json.get("latency_ms");
        return v != null && v.canConvertToLong() ? v.longValue() : -1;
    }

    /** schema_validate: whether the value was valid, or null. */
    public Boolean valid() {
        JsonNode v = json.get("valid");
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    /** error: the line in the document, or 0. */
    public int lineInDocument() {
        JsonNode v = json.get("line");
        return v != null && v.canConvertToInt() ? v.intValue() : 0;
    }

    /** error: the column in the document, or 0. */
    public int column() {
        JsonNode v = json.get("column");
        return v != null && v.canConvertToInt() ? v.intValue() : 0;
    }

    /** The recorded arguments (run_start, cell_start, tool_call) or validated value (schema_validate). */
    public Optional<RecordedValue> inputs() {
        return recorded("inputs");
    }

    /** The recorded result (cell_end, tool_call, schema_validate, run_end). */
    public Optional<RecordedValue> outputs() {
        return recorded("outputs");
    }

    /** The hash of the inputs, or null. */
    public String inputsHash() {
        return text("inputs_hash");
    }

    /** The hash of the outputs, or null. */
    public String outputsHash() {
        return text("outputs_hash");
    }

    /** String member {@code name}, or null. */
    public String text(String name) {
        return StoredJson.text(json, name);
    }

    private Optional<RecordedValue> recorded(String name) {
        try {
            return RecordedValue.read(json, name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
