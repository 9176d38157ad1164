package dev.lumen.runtime.trace;

/**
 * What {@link TraceVerifier} found.
 *
 * @param events   how many events verified, from the first (all of them when there is no problem)
 * @param head     the hash of the last verified event (the genesis value when none did)
 * @param finished whether the run ended: for a run sealed with your key, its signed head says so and matches;
 *                 otherwise, the verified events end with run_end
 * @param problem  the first broken event, or the trace's mismatch with its signed head, or null
 * @param signedBy the id of the key that sealed the run (run_start's {@code key_id}), or null when none did
 *                 (or when the run_start event could not be read)
 * @param yourKey  the id of the key it was checked with, the user's
 */
public record Verification(int events, String head, boolean finished, Problem problem, String signedBy, String yourKey) {

    /** Whether every event verified, with your key, and the trace matches its signed head. */
    public boolean ok() {
        return problem == null && signedByYou();
    }

    /** Whether the run is sealed with your key (its seals were checked with it). */
    public boolean signedByYou() {
        return yourKey.equals(signedBy);
    }

    /** Why an event does not verify. */
    public enum Reason {
        /** The file has no events at all. */
        EMPTY("empty"),
        /** The last line has no newline: the run was stopped while writing it. */
        TRUNCATED("truncated"),
        /** The line is not JSON (or not UTF-8, or not an object). */
        UNPARSEABLE("unparseable"),
        /** The line is JSON, but not in the canonical form the writer produces. */
        NOT_CANONICAL("not canonical"),
        /** The event's seq is not its position: an event before it is missing or events are out of order. */
        SEQ_GAP("seq gap"),
        /** The event's prev_hash is not the previous event's hash. */
        PREV_HASH_MISMATCH("prev_hash mismatch"),
        /** The event's hash is not the hash of its chained members. */
        HASH_MISMATCH("hash mismatch"),
        /** The event's seal is not the hash of its unchained members and hash. */
        SEAL_MISMATCH("seal mismatch"),
        /** An inline value does not have its recorded hash, or a blob does not match its size and preview. */
        VALUE_MISMATCH("value mismatch"),
        /** A value's blob is not in the store. */
        MISSING_BLOB("missing blob"),
        /** A value's blob does not have the hash it is named by. */
        CORRUPT_BLOB("corrupt blob"),
        /** A member is missing or has the wrong type, the kind is unknown, or events are in an impossible order. */
        MALFORMED("malformed"),
        /**
         * Every event verifies, but the trace does not match its signed head: events were removed from its end,
         * or the head is missing, changed or forged.
         */
        TAMPERED("tampered");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A short name for people, e.g. {@code hash mismatch}. */
        public String label() {
            return label;
        }
    }

    /**
     * The first event that does not verify.
     *
     * @param seq     the seq the event at that position should have (its index in the file)
     * @param line    its line in the file, from 1
     * @param reason  why
     * @param message a sentence for people, with the details
     */
    public record Problem(long seq, int line, Reason reason, String message) {
    }
}
