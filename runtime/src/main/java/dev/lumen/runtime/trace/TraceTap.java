package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.StoredJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the events the runs of this process write are also sent as they are written: the launcher's live
 * OpenTelemetry export (run.md §6.6), or nowhere, the default, which costs a trace nothing. A listener hears each
 * event once its line is on disk, in the order of its run's chain; whatever it does, or throws, the trace is
 * written as it would be without it.
 */
public final class TraceTap {
    private static volatile Listener listener;

    private TraceTap() {
    }

    /** What hears the events written. */
    @FunctionalInterface
    public interface Listener {
        /** Event {@code event} of run {@code runId} is on disk. */
        void written(String runId, TraceEvent event);
    }

    /** Undoes a {@link #listenWith}. */
    @FunctionalInterface
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sends the events written from now on to {@code heard} too, until the returned handle is closed, which
     * restores the listener there was before.
     */
    public static Listening listenWith(Listener heard) {
        Objects.requireNonNull(heard, "heard");
        Listener before = listener;
        listener = heard;
        return () -> listener = before;
    }

    /** Event {@code text} (its line without the newline), the {@code seq}th of run {@code runId}, was written. */
    static void written(String runId, long seq, String text) {
        Listener heard = listener;
        if (heard == null) {
            return;
        }
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ObjectNode json = StoredJson.parseCanonicalObject(bytes, 0, bytes.length);
            heard.written(runId, new TraceEvent(json, Math.toIntExact(seq + 1)));
        } catch (RuntimeException | StoredJson.NotCanonical e) {
            // a listener only watches: the run and its trace go on as they would without it
        }
    }
}
