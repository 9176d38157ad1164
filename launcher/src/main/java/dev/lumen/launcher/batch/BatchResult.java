package dev.lumen.launcher.batch;

import dev.lumen.runtime.json.CanonicalObject;

/**
 * The result of one input of a batch, as its line in the results: {@code {"line": N, "ok": VALUE, "run": ID}}, or
 * {@code {"line": N, "error": {"kind": KIND, "message": TEXT}, "run": ID}}; {@code "cached": true} when it was taken
 * from a run that ended well before, and no {@code run} when the run left no trace (a cell without effects).
 *
 * @param json   the line, canonical JSON
 * @param ok     whether the run returned a value
 * @param cached whether it was taken from the store
 */
public record BatchResult(String json, boolean ok, boolean cached) {
    /** A value, canonical JSON, that run {@code runId} (or null) returned for input line {@code line}. */
    public static BatchResult ok(int line, String value, String runId, boolean cached) {
        CanonicalObject result = new CanonicalObject().put("line", line).putCanonical("ok", value);
        return new BatchResult(finish(result, runId, cached), true, cached);
    }

    /** An error of kind {@code kind} ({@code input} for a line that is not the cell's arguments, or a run's). */
    public static BatchResult failed(int line, String kind, String message, String runId) {
        String error = new CanonicalObject().put("kind", kind).put("message", message).text();
        CanonicalObject result = new CanonicalObject().put("line", line).putCanonical("error", error);
        return new BatchResult(finish(result, runId, false), false, false);
    }

    private static String finish(CanonicalObject result, String runId, boolean cached) {
        if (runId != null) {
            result.put("run", runId);
        }
        if (cached) {
            result.put("cached", true);
        }
        return result.text();
    }
}
