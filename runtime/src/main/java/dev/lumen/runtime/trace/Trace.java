package dev.lumen.runtime.trace;

import java.util.List;

/**
 * A trace as {@link TraceReader} reads it: the events up to the first line that cannot be read.
 *
 * @param runId   the run's id (from the file name)
 * @param where   where the trace is: its file, or its address in a bucket
 * @param events  the events, in file order
 * @param problem why reading stopped before the end of the file (e.g. {@code line 8 is incomplete}), or null
 */
public record Trace(String runId, String where, List<TraceEvent> events, String problem) {
    public Trace {
        events = List.copyOf(events);
    }

    /** Whether the last event read is a run_end. */
    public boolean finished() {
        return !events.isEmpty() && events.getLast().kind() == EventKind.RUN_END;
    }

    /** The run_start event, or null. */
    public TraceEvent start() {
        return !events.isEmpty() && events.getFirst().kind() == EventKind.RUN_START ? events.getFirst() : null;
    }
}
