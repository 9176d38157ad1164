package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.RunId;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.UserKey;
import dev.lumen.runtime.store.traces.RunTraces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A run's signed head (spec trace-v1.md §3.6): {@code trace/<run_id>.head}, sealed with the user's key. The
 * writer makes it {@code running} before the run's first event and replaces it with {@code ended}, the
 * number of events and the chain's head, right after {@code run_end}. A trace whose head says more events than
 * it has lost events from its end; a trace whose head is {@code running} is a run that never ended (killed,
 * or still going); a trace with no head lost it. Only the holder of the key can write a head, so neither an
 * ended head for a shortened trace nor a running one for a trace that ended can be forged.
 */
final class SignedHead {
    /** The {@code format} member of a head. */
    static final String FORMAT = "lumen-head/1";
    private static final String RUNNING = "running";
    private static final String ENDED = "ended";

    private SignedHead() {
    }

    /** The head of a run that has begun. */
    static byte[] running(UserKey key, String runId) {
        return sealed(key, base(key, runId).put("state", RUNNING));
    }

    /** The head of a run that has ended after {@code events} events, the last with hash {@code head}. */
    static byte[] ended(UserKey key, String runId, long events, String head) {
        return sealed(key, base(key, runId).put("state", ENDED).put("events", events).put("head", head));
    }

    private static CanonicalObject base(UserKey key, String runId) {
        if (!RunId.isValid(runId)) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return new CanonicalObject().put("format", FORMAT).put("run_id", runId).put("key_id", key.id());
    }

    private static byte[] sealed(UserKey key, CanonicalObject head) {
        head.put("seal", key.seal(UserKey.Purpose.HEAD, head.text()));
        return (head.text() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------ reading

    /** What a head file says, as far as {@code key} can tell. */
    sealed interface Reading {
    }

    /** No head file. */
    record Missing() implements Reading {
    }

    /** A head file that cannot be read, is not a head of this run, or whose seal does not match. */
    record Bad(String problem) implements Reading {
    }

    /** A well-formed head sealed by another key, which cannot be checked. */
    record OtherKey(String keyId) implements Reading {
    }

    /** The run began, and its end was never signed. */
    record Running() implements Reading {
    }

    /** The run ended after {@code events} events, the last with hash {@code head}. */
    record Ended(long events, String head) implements Reading {
    }

    /** Reads and checks the head of run {@code runId} in {@code traces} with {@code key}. */
    static Reading read(RunTraces traces, UserKey key, String runId) {
        try {
            return read(traces.head(runId), key, runId);
        } catch (IOException e) {
            return new Bad("it cannot be read: " + e.getMessage());
        }
    }

    /** Checks the head {@code stored} (empty: there is none) of run {@code runId} (null: whichever run it names) with {@code key}. */
    static Reading read(Optional<byte[]> stored, UserKey key, String runId) {
        if (stored.isEmpty()) {
            return new Missing();
        }
        byte[] bytes = stored.get();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            return new Bad("it is incomplete");
        }
        ObjectNode head;
        try {
            head = StoredJson.parseCanonicalObject(bytes, 0, bytes.length - 1);
        } catch (StoredJson.NotCanonical e) {
            return new Bad("it cannot be read: " + e.getMessage());
        }
        String keyId = StoredJson.text(head, "key_id");
        String seal = StoredJson.text(head, "seal");
        if (!FORMAT.equals(StoredJson.text(head, "format")) || !UserKey.isId(keyId) || !UserKey.isSeal(seal)) {
            return new Bad("it is not a signed head of format " + FORMAT);
        }
        if (runId != null && !runId.equals(StoredJson.text(head, "run_id"))) {
            return new Bad("it is the head of another run (" + StoredJson.text(head, "run_id") + ")");
        }
        if (!keyId.equals(key.id())) {
            return new OtherKey(keyId);
        }
        if (!key.sealed(UserKey.Purpose.HEAD, StoredJson.textOf(head, name -> !name.equals("seal")), seal)) {
            return new Bad("its seal is not your key's seal of its content: it was changed, or forged");
        }
        String state = StoredJson.text(head, "state");
        if (RUNNING.equals(state)) {
            return new Running();
        }
        JsonNode events = head.get("events");
        String last = StoredJson.text(head, "head");
        if (ENDED.equals(state) && events != null && events.canConvertToLong() && ContentHash.isValid(last)) {
            return new Ended(events.longValue(), last);
        }
        return new Bad("its state is not `running`, nor `ended` with the events and head");
    }
}
