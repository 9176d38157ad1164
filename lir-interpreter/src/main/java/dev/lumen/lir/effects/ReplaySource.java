package dev.lumen.lir.effects;

import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.BlobStore;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceDiff;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceWriter;
import java.util.List;
import java.util.Optional;

/**
 * A recorded run as the source of a replay's tool outputs (run.md §6.5): the replay must run the same
 * document and cell, and ask for the same tool calls, with the same arguments, in the same order; each is
 * answered with the recorded output (or fails as the recorded call failed). The first call that does not match
 * stops the replay with an error naming the recorded event where the runs part.
 */
public final class ReplaySource {
    private final Trace recorded;
    private final BlobStore blobs;
    private final List<TraceEvent> calls;
    private int next;

    /** What a recorded tool call gave: its output, or the error it failed with. */
    public record RecordedCall(CanonicalValue outputs, String errorKind, String message) {
    }

    public ReplaySource(Trace recorded, BlobStore blobs) {
        this.recorded = recorded;
        this.blobs = blobs;
        this.calls = recorded.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
    }

    /** The id of the recorded run. */
    String runId() {
        return recorded.runId();
    }

    /** The replay runs {@code cell} of a document whose hash is {@code docHash}: both must be the recorded ones. */
    void check(String docHash, String cell) {
        TraceEvent start = recorded.start();
        if (!docHash.equals(start.docHash())) {
            throw new LumenFailure(LumenException.Kind.REPLAY, "cannot replay run " + recorded.runId() + ": the document changed since it ran (it was "
                    + start.docHash() + ", it is now " + docHash + ")");
        }
        if (!cell.equals(start.cell())) {
            throw new LumenFailure(LumenException.Kind.REPLAY, "cannot replay run " + recorded.runId() + ": it ran cell `" + start.cell()
                    + "`, not `" + cell + "`");
        }
    }

    /** The recorded answer to the next tool call, which must be a call of {@code toolId} with these arguments. */
    RecordedCall nextToolCall(String toolId, String inputsHash) {
        if (next >= calls.size()) {
            throw diverged("at tool call " + (next + 1) + ": the program calls " + toolId + " (arguments "
                    + inputsHash + "), but the recorded run made only " + calls.size());
        }
        TraceEvent call = calls.get(next);
        if (!toolId.equals(call.toolId()) || !inputsHash.equals(call.inputsHash())) {
            throw diverged("at event " + call.seq() + ": the recorded run called " + call.toolId() + " with arguments "
                    + call.inputsHash() + ", but the program calls " + toolId + " with arguments " + inputsHash);
        }
        next++;
        if (call.errorKind() != null) {
            return new RecordedCall(null, call.errorKind(), call.message());
        }
        try {
            return new RecordedCall(call.outputs().orElseThrow().resolve(blobs), null, null);
        } catch (StoreException | java.util.NoSuchElementException e) {
            throw diverged("at event " + call.seq() + ": the output recorded there cannot be read: "
                    + (e.getMessage() == null ? "it is missing" : e.getMessage()));
        }
    }

    /**
     * The message the recorded run was cancelled with at event {@code seq} (an {@code error} of kind
     * {@code cancelled}), or null when it was not cancelled there.
     */
    String cancelledAt(long seq) {
        List<TraceEvent> events = recorded.events();
        if (seq >= events.size()) {
            return null;
        }
        TraceEvent event = events.get((int) seq);
        return event.kind() == EventKind.ERROR && LumenException.Kind.CANCELLED.text().equals(event.errorKind())
                ? event.message() : null;
    }

    /**
     * The inputs of the next recorded call when it is a call of {@code chatToolId}, made for a server's sampling
     * request during the call of {@code mcpToolId} that the program makes now: the program itself makes no other
     * call before that one. Empty when the next recorded call is another.
     */
    Optional<CanonicalValue> nextCallOf(String chatToolId, String mcpToolId) {
        if (next >= calls.size() || chatToolId.equals(mcpToolId) || !chatToolId.equals(calls.get(next).toolId())) {
            return Optional.empty();
        }
        TraceEvent call = calls.get(next);
        try {
            return Optional.of(call.inputs().orElseThrow().resolve(blobs));
        } catch (StoreException | java.util.NoSuchElementException e) {
            throw diverged("at event " + call.seq() + ": the inputs recorded there cannot be read: "
                    + (e.getMessage() == null ? "they are missing" : e.getMessage()));
        }
    }

    /**
     * The replay just wrote event {@code seq}, chaining to {@code hash}, to its own trace {@code written}: it
     * must be the recorded run's event {@code seq}. Otherwise the replay stops, saying how the runs part.
     */
    void expectEvent(long seq, String hash, TraceWriter written) {
        List<TraceEvent> events = recorded.events();
        if (seq < events.size() && events.get((int) seq).hash().equals(hash)) {
            return;
        }
        TraceDiff.Result diff = TraceDiff.compare(recorded, written.read());
        String how = diff.differences().isEmpty()
                ? "the replay goes on past the recorded run's last event (" + (events.size() - 1) + ")"
                : describe(diff.differences().get(0));
        throw diverged("at event " + seq + ", " + how);
    }

    private static String describe(TraceDiff.Difference d) {
        return switch (d.kind()) {
            case DIFFERENT_STEP -> "the recorded run has " + TraceDiff.step(d.a()) + " where the replay has "
                    + TraceDiff.step(d.b());
            case DIFFERENT_INPUTS, DIFFERENT_OUTPUTS, DIFFERENT_FIELDS -> TraceDiff.step(d.a()) + " differs in "
                    + String.join(", ", d.fields());
            case EXTRA -> "the replay has an extra " + TraceDiff.step(d.b());
            case MISSING -> "the replay has no " + TraceDiff.step(d.a());
        };
    }

    private LumenFailure diverged(String why) {
        return new LumenFailure(LumenException.Kind.REPLAY, "replay of run " + recorded.runId() + " diverged " + why);
    }
}
