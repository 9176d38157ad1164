package dev.lumen.runtime.trace;

import java.util.Set;

/**
 * The constants of trace format 1 (spec trace-v1.md §3): which members the hash chain covers and which the
 * seal covers.
 *
 * <p>The chain hash of an event covers every member except {@link #UNCHAINED} ones: those vary between two
 * runs of the same program on the same inputs (when it ran, how long a call took, whether the output came
 * from the cache and whether an offline run performed it, the run's id, the document's path, the key that
 * seals the run), so leaving them out makes a replay with cached outputs — or a run by another user, with
 * another key — produce the very same chain. The seal covers the unchained members together with
 * {@code hash}, so an edit to any byte of an event is detected.
 */
public final class TraceFormat {
    /** The {@code format} member of a run_start event. */
    public static final String FORMAT = "lumen-trace/1";
    /** The {@code prev_hash} of the first event. */
    public static final String GENESIS = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    /** Members the chain hash leaves out (besides {@code hash} and {@code seal} themselves). */
    public static final Set<String> UNCHAINED = Set.of("run_id", "doc", "timestamp", "latency_ms", "cached", "performed",
            "usage", "server", "key_id");

    private TraceFormat() {
    }

    /** Whether the chain hash covers member {@code name}. */
    public static boolean chained(String name) {
        return !name.equals("hash") && !name.equals("seal") && !UNCHAINED.contains(name);
    }

    /** Whether the seal covers member {@code name}: {@code hash} and the unchained members. */
    public static boolean sealed(String name) {
        return name.equals("hash") || UNCHAINED.contains(name);
    }
}
