package dev.lumen.launcher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalObject;

/**
 * The result of one input of a batch, as its line in the results: {@code {"line": N, "ok": VALUE, "run": ID}}, or
 * {@code {"line": N, "error": {"kind": KIND, "message": TEXT}, "run": ID}}; {@code "cached": true} when it was taken
 * from a run that ended well before, and no {@code run} when the run left no trace (a cell without effects).
 *
 * @param line   the input's line number
 * @param json   the result's line, canonical JSON
 * @param ok     whether the run returned a value
 * @param cached whether it was taken from the store
 */
public record BatchResult(int line, String json, boolean ok, boolean cached) {
    /** The result whose line is {@code json}, as {@link #json} wrote it. */
    public static BatchResult of(String json) {
        JsonNode tree = CanonicalJson.parse(json);
        return new BatchResult(tree.get("line").intValue(), json, tree.has("ok"), tree.path("cached").asBoolean());
    }

    /** A value, canonical JSON, that run {@code runId} (or null) returned for input line {@code line}. */
    public static BatchResult ok(int line, String value, String runId, boolean cached) {
        CanonicalObject result = new CanonicalObject().put("line", line).putCanonical("ok", value);
        return new BatchResult(line, finish(result, runId, cached), true, cached);
    }

    /** An error of kind {@code kind} ({@code input} for a line that is not the cell's arguments, or a run's). */
    public static BatchResult failed(int line, String kind, String message, String runId) {
        String error = new CanonicalObject().put("kind", kind).put("message", message).text();
        CanonicalObject result = new CanonicalObject().put("line", line).putCanonical("error", error);
        return new BatchResult(line, finish(result, runId, false), false, false);
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
