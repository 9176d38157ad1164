package dev.lumen.runtime.store;

import dev.lumen.runtime.json.CanonicalValue;

/**
 * The answer of {@link ToolCache#get}: a hit with the output, a miss, an entry that failed its checks, or one
 * the user's key did not seal.
 */
public sealed interface CacheLookup {

    /** The output recorded for the call, checked against its hash. */
    record Hit(CanonicalValue outputs, CacheEntry entry) implements CacheLookup {
    }

    /** No entry for the call. */
    record Miss() implements CacheLookup {
    }

    /**
     * An entry exists but is damaged: it is never served; treat the call as a miss (a new {@code put}
     * replaces the entry). {@code problem} says what is wrong, for a warning.
     */
    record Corrupt(String file, String problem) implements CacheLookup {
    }

    /**
     * An entry sealed by another key (another user's, in a shared store) or by none (written before entries
     * were sealed): it may be intact, but nothing shows that the user's own runs wrote it, so it is never
     * served; treat the call as a miss (a new {@code put} replaces it). {@code problem} says which, for a warning.
     */
    record Unsealed(String file, String problem) implements CacheLookup {
    }
}
