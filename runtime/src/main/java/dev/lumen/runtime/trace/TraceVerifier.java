package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.BlobStore;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.RecordedValue;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.UserKey;
import dev.lumen.runtime.store.traces.RunTraces;
import dev.lumen.runtime.store.traces.TraceFiles;
import dev.lumen.runtime.trace.Verification.Problem;
import dev.lumen.runtime.trace.Verification.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a trace (spec trace-v1.md §5): every line is complete, canonical JSON; the events are numbered from
 * 0 without gaps; each {@code prev_hash} is the previous event's {@code hash} (the genesis value for the
 * first); each {@code hash} and {@code seal} is recomputed; each event has the members of its kind, in an
 * order runs can produce; every inline value has its recorded hash and every blob is present and intact.
 * The first event that fails is named with its seq and the reason. Then the trace must match its signed head:
 * as many events as the head was signed for, ending in the same hash.
 *
 * <p>Seals are checked with the user's key when the run names it ({@code key_id} of run_start). A run sealed
 * by another key has its chain checked but not its seals or head; a run sealed by none (written before runs
 * were sealed) has plain SHA-256 seals, which anyone can recompute. Neither is {@link Verification#ok() ok}.
 */
public final class TraceVerifier {
    private TraceVerifier() {
    }

    /** Verifies run {@code runId} of {@code store} (blobs and key from the same store). */
    public static Verification verify(Store store, String runId) {
        RunTraces traces = store.traces();
        return verify(TraceReader.readBytes(traces, runId), SignedHead.read(traces, store.key(), runId),
                traces.whereHead(runId), store.blobs(), store.key(), runId);
    }

    /**
     * Verifies the trace in {@code file} and its signed head {@code headFile} with {@code key}, reading blobs
     * from {@code blobs}; when {@code runId} is not null, the run_start event (and the head) must name it.
     *
     * @throws dev.lumen.runtime.store.StoreException if the file cannot be read at all
     */
    public static Verification verify(Path file, Path headFile, BlobStore blobs, UserKey key, String runId) {
        byte[] bytes = TraceReader.readBytes(file);
        SignedHead.Reading signed;
        try {
            signed = SignedHead.read(TraceFiles.readFile(headFile), key, runId);
        } catch (IOException e) {
            signed = new SignedHead.Bad("it cannot be read: " + e.getMessage());
        }
        return verify(bytes, signed, headFile.toString(), blobs, key, runId);
    }

    /** Verifies the trace {@code bytes} and its signed head as read, {@code signed}, which is at {@code headWhere}. */
    private static Verification verify(byte[] bytes, SignedHead.Reading signed, String headWhere, BlobStore blobs,
            UserKey key, String runId) {
        List<TraceReader.Line> lines = TraceReader.lines(bytes);
        if (lines.isEmpty()) {
            return new Verification(0, TraceFormat.GENESIS, false,
                    new Problem(0, 1, Reason.EMPTY, "the trace has no events"), null, key.id());
        }
        String head = TraceFormat.GENESIS;
        boolean ended = false;
        Seals seals = null;
        for (int i = 0; i < lines.size(); i++) {
            TraceReader.Line line = lines.get(i);
            try {
                if (ended) {
                    throw new Broken(Reason.MALFORMED, "an event follows run_end");
                }
                ObjectNode event = parse(bytes, line);
                if (i == 0) {
                    seals = Seals.of(event, key, signed);
                }
                String hash = checkChain(event, i, head, seals);
                EventKind kind = checkMembers(event, i, runId);
                checkValues(event, blobs);
                head = hash;
                ended = kind == EventKind.RUN_END;
            } catch (Broken b) {
                return new Verification(i, head, false, new Problem(i, line.number(), b.reason, b.getMessage()),
                        seals == null ? null : seals.keyId, key.id());
            }
        }
        int events = lines.size();
        if (seals.key == null) { // not ours: the head cannot be checked, nor whether events are missing at the end
            return new Verification(events, head, ended, null, seals.keyId, key.id());
        }
        Problem problem = checkHead(signed, headWhere, events, head, seals.keyId);
        boolean finished = signed instanceof SignedHead.Ended && problem == null;
        return new Verification(events, head, finished, problem, seals.keyId, key.id());
    }

    /** The trace's mismatch with its signed head, or null: the trace of {@code events} events ending in {@code head}. */
    private static Problem checkHead(SignedHead.Reading signed, String headWhere, int events, String head, String keyId) {
        return switch (signed) {
            case SignedHead.Missing m -> tampered(events, "the run's signed head `" + headWhere + "` is missing: it was"
                    + " removed (a run writes it before its first event)");
            case SignedHead.Bad bad -> tampered(events, "the run's signed head `" + headWhere + "` does not verify: "
                    + bad.problem());
            case SignedHead.OtherKey other -> tampered(events, "the run's signed head `" + headWhere + "` is sealed by"
                    + " another key (" + other.keyId() + ") than its events (" + keyId + ")");
            case SignedHead.Running r -> null;
            case SignedHead.Ended end when end.events() != events || !end.head().equals(head) -> tampered(events,
                    end.events() > events
                            ? (end.events() - events) + " events were removed from its end: its signed head records "
                                    + end.events() + " events ending in " + ContentHash.brief(end.head()) + ", the trace has "
                                    + events
                            : "its events are not those its head was signed for: the signed head records " + end.events()
                                    + " events ending in " + ContentHash.brief(end.head()) + ", the trace has " + events
                                    + " ending in " + ContentHash.brief(head));
            case SignedHead.Ended end -> null;
        };
    }

    private static Problem tampered(int events, String message) {
        return new Problem(events, events + 1, Reason.TAMPERED, message);
    }

    /**
     * How the events of a trace are sealed, decided by its run_start: with the user's key ({@code key} set),
     * with another key (seals of the right form, which cannot be checked), or with none (plain SHA-256).
     */
    private record Seals(UserKey key, String keyId) {
        static Seals of(ObjectNode runStart, UserKey key, SignedHead.Reading signed) throws Broken {
            if (!runStart.has("key_id")) {
                return new Seals(null, null);
            }
            String keyId = StoredJson.text(runStart, "key_id");
            if (!UserKey.isId(keyId)) {
                throw new Broken(Reason.MALFORMED, "`key_id` is not a key id");
            }
            if (keyId.equals(key.id())) {
                return new Seals(key, keyId);
            }
            if (signed instanceof SignedHead.Running || signed instanceof SignedHead.Ended) {
                // the head is sealed with the user's key, so the run is theirs: its key_id was changed
                throw new Broken(Reason.SEAL_MISMATCH, "the event names key " + keyId + ", but the run's head is signed"
                        + " with your key (" + key.id() + "): the event was changed (tampered with)");
            }
            return new Seals(null, keyId);
        }

        void check(ObjectNode event) throws Broken {
            String seal = StoredJson.text(event, "seal");
            if (keyId == null) {
                if (!ContentHash.isValid(seal)) {
                    throw new Broken(Reason.MALFORMED, "`seal` is not a sha256 hash");
                }
                if (!StoredJson.hashOf(event, TraceFormat::sealed).equals(seal)) {
                    throw new Broken(Reason.SEAL_MISMATCH, "the seal does not match: a member outside the hash chain "
                            + "(run_id, doc, timestamp, latency_ms, cached, usage or server) was changed");
                }
                return;
            }
            if (key == null) {
                if (!UserKey.isSeal(seal)) {
                    throw new Broken(Reason.MALFORMED, "`seal` is not a key's seal (hmac-sha256:…)");
                }
                return;
            }
            if (!key.sealed(UserKey.Purpose.EVENT, StoredJson.textOf(event, TraceFormat::sealed), seal)) {
                throw new Broken(Reason.SEAL_MISMATCH, (ContentHash.isValid(seal)
                        ? "the seal is a plain SHA-256, not your key's seal: the event was re-sealed without the key"
                        : "the seal is not your key's seal of the event: it was changed after it was written, or forged")
                        + " (tampered with)");
            }
        }
    }

    /** A verification failure of one event. */
    private static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;
        final Reason reason;

        Broken(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private static ObjectNode parse(byte[] bytes, TraceReader.Line line) throws Broken {
        if (!line.complete()) {
            throw new Broken(Reason.TRUNCATED, "the last line is incomplete: the run was stopped while writing it");
        }
        try {
            return StoredJson.parseCanonicalObject(bytes, line.start(), line.end() - line.start());
        } catch (StoredJson.NotCanonical e) {
            throw new Broken(e.parseable() ? Reason.NOT_CANONICAL : Reason.UNPARSEABLE, "the line cannot be read: " + e.getMessage());
        }
    }

    /** Checks seq, prev_hash, hash and seal; returns the event's hash. */
    private static String checkChain(ObjectNode event, long expectedSeq, String previousHash, Seals seals) throws Broken {
        JsonNode seq = event.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
            throw new Broken(Reason.MALFORMED, "the event has no integer `seq`");
        }
        if (seq.longValue() != expectedSeq) {
            throw new Broken(Reason.SEQ_GAP, "the event at this position has seq " + seq.longValue() + ", expected "
                    + expectedSeq + (seq.longValue() > expectedSeq ? ": an event is missing or events are out of order"
                            : ": events are repeated or out of order"));
        }
        String prev = hashMember(event, "prev_hash");
        if (!prev.equals(previousHash)) {
            throw new Broken(Reason.PREV_HASH_MISMATCH, "prev_hash " + ContentHash.brief(prev) + " is not the hash of "
                    + (expectedSeq == 0 ? "the genesis (" + ContentHash.brief(previousHash) + ")"
                            : "event " + (expectedSeq - 1) + " (" + ContentHash.brief(previousHash) + ")"));
        }
        String hash = hashMember(event, "hash");
        String computed = StoredJson.hashOf(event, TraceFormat::chained);
        if (!computed.equals(hash)) {
            throw new Broken(Reason.HASH_MISMATCH, "the recorded hash " + ContentHash.brief(hash)
                    + " is not the hash of the event's content (" + ContentHash.brief(computed) + "): the event was changed");
        }
        text(event, "seal");
        seals.check(event);
        return hash;
    }

    /** Checks the members the event's kind requires; returns the kind. */
    private static EventKind checkMembers(ObjectNode event, long seq, String runId) throws Broken {
        String kindName = text(event, "kind");
        EventKind kind = EventKind.fromWireName(kindName);
        if (kind == null) {
            throw new Broken(Reason.MALFORMED, "unknown event kind `" + kindName + "`");
        }
        if ((seq == 0) != (kind == EventKind.RUN_START)) {
            throw new Broken(Reason.MALFORMED, seq == 0 ? "the first event is " + kindName + ", not run_start"
                    : "run_start appears again at seq " + seq);
        }
        text(event, "timestamp");
        switch (kind) {
            case RUN_START -> {
                if (!TraceFormat.FORMAT.equals(text(event, "format"))) {
                    throw new Broken(Reason.MALFORMED, "the trace format is `" + text(event, "format") + "`, not "
                            + TraceFormat.FORMAT);
                }
                String recordedRun = text(event, "run_id");
                if (runId != null && !runId.equals(recordedRun)) {
                    throw new Broken(Reason.MALFORMED, "the event names run " + recordedRun + ", not " + runId);
                }
                optionalText(event, "doc");
                hashMember(event, "doc_hash");
                text(event, "cell");
                requireValue(event, "inputs");
            }
            case CELL_START -> {
                text(event, "cell");
                requireValue(event, "inputs");
            }
            case CELL_END -> {
                text(event, "cell");
                requireValue(event, "outputs");
            }
            case TOOL_CALL -> {
                text(event, "cell");
                text(event, "tool_id");
                text(event, "tool_version");
                hashMember(event, "policy_hash");
                integer(event, "latency_ms");
                bool(event, "cached");
                if (event.has("performed")) {
                    bool(event, "performed");
                }
                requireValue(event, "inputs");
                for (String figures : new String[] {"usage", "server"}) {
                    if (event.has(figures) && !event.get(figures).isObject()) {
                        throw new Broken(Reason.MALFORMED, "`" + figures + "` is not an object");
                    }
                }
                if (event.has("error_kind")) {
                    text(event, "error_kind");
                    text(event, "message");
                    if (event.has("outputs_hash")) {
                        throw new Broken(Reason.MALFORMED, "a failed tool call records an output");
                    }
                } else {
                    requireValue(event, "outputs");
                }
            }
            case SCHEMA_VALIDATE -> {
                text(event, "cell");
                text(event, "schema");
                bool(event, "valid");
                requireValue(event, "inputs");
                requireValue(event, "outputs");
            }
            case ERROR -> {
                text(event, "error_kind");
                text(event, "message");
                optionalText(event, "cell");
                if (event.has("line") || event.has("column")) {
                    integer(event, "line");
                    integer(event, "column");
                }
            }
            case RUN_END -> {
                String status = text(event, "status");
                if (status.equals("ok")) {
                    requireValue(event, "outputs");
                } else if (status.equals("error")) {
                    text(event, "error_kind");
                    text(event, "message");
                } else {
                    throw new Broken(Reason.MALFORMED, "run_end has status `" + status + "`, not ok or error");
                }
            }
        }
        return kind;
    }

    private static void checkValues(ObjectNode event, BlobStore blobs) throws Broken {
        for (String name : List.of("inputs", "outputs")) {
            Optional<RecordedValue> value = value(event, name);
            if (value.isEmpty()) {
                continue;
            }
            RecordedValue v = value.get();
            switch (v.check(blobs)) {
                case OK -> {
                }
                case HASH_MISMATCH -> throw new Broken(Reason.VALUE_MISMATCH,
                        "`" + name + "` does not have its recorded hash " + ContentHash.brief(v.hash()));
                case MISSING_BLOB -> throw new Broken(Reason.MISSING_BLOB,
                        "the blob holding `" + name + "` (" + v.hash() + ") is missing: no `" + blobs.where(v.hash()) + "`");
                case CORRUPT_BLOB -> throw new Broken(Reason.CORRUPT_BLOB,
                        "the blob holding `" + name + "` (" + blobs.where(v.hash()) + ") does not have that hash");
                case INCONSISTENT -> throw new Broken(Reason.VALUE_MISMATCH,
                        "the blob holding `" + name + "` does not match the recorded size and preview");
            }
        }
    }

    // ------------------------------------------------------------------------------------ members

    private static Optional<RecordedValue> value(ObjectNode event, String name) throws Broken {
        try {
            return RecordedValue.read(event, name);
        } catch (IllegalArgumentException e) {
            throw new Broken(Reason.MALFORMED, e.getMessage());
        }
    }

    private static void requireValue(ObjectNode event, String name) throws Broken {
        if (value(event, name).isEmpty()) {
            throw new Broken(Reason.MALFORMED, "the event records no `" + name + "`");
        }
    }

    private static String text(ObjectNode event, String name) throws Broken {
        String v = StoredJson.text(event, name);
        if (v == null) {
            throw new Broken(Reason.MALFORMED, "the event has no string `" + name + "`");
        }
        return v;
    }

    private static void optionalText(ObjectNode event, String name) throws Broken {
        if (event.has(name)) {
            text(event, name);
        }
    }

    private static String hashMember(ObjectNode event, String name) throws Broken {
        String v = text(event, name);
        if (!ContentHash.isValid(v)) {
            throw new Broken(Reason.MALFORMED, "`" + name + "` is not a sha256 hash");
        }
        return v;
    }

    private static void integer(ObjectNode event, String name) throws Broken {
        JsonNode v = event.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Broken(Reason.MALFORMED, "the event has no integer `" + name + "`");
        }
    }

    private static void bool(ObjectNode event, String name) throws Broken {
        JsonNode v = event.get(name);
        if (v == null || !v.isBoolean()) {
            throw new Broken(Reason.MALFORMED, "the event has no boolean `" + name + "`");
        }
    }
}
