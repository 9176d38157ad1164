package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import java.util.OptionalLong;

/**
 * How long a call may take and how large a body it may read (tools-http.md §4): the grant's {@code timeout_ms}
 * and {@code max_response_bytes}, or the defaults when it has none.
 */
record HttpLimits(long timeoutMs, boolean timeoutGranted, long maxResponseBytes, boolean sizeGranted) {
    static final long DEFAULT_TIMEOUT_MS = 30_000;
    static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;
    /** A body must fit in one Bytes value, and its base64 text in one String. */
    static final long LARGEST_RESPONSE_BYTES = 1L << 30;

    /** @throws PolicyViolation when a clause's value is not greater than 0 (hand-written LIR can say anything) */
    static HttpLimits of(Grants grants) {
        OptionalLong timeout = positive(grants, "timeout_ms");
        OptionalLong size = positive(grants, "max_response_bytes");
        return new HttpLimits(timeout.orElse(DEFAULT_TIMEOUT_MS), timeout.isPresent(),
                Math.min(size.orElse(DEFAULT_MAX_RESPONSE_BYTES), LARGEST_RESPONSE_BYTES), size.isPresent());
    }

    private static OptionalLong positive(Grants grants, String clause) {
        OptionalLong value = grants.integer(clause);
        if (value.isPresent() && value.getAsLong() <= 0) {
            throw new PolicyViolation(clause, clause + " must be greater than 0, and the grant has " + value.getAsLong());
        }
        return value;
    }

    /** The time limit as messages name it. */
    String timeout() {
        return timeoutGranted ? "timeout_ms " + timeoutMs
                : timeoutMs + " ms (the default when the grant has no timeout_ms)";
    }

    /** The size limit as messages name it. */
    String size() {
        return sizeGranted ? "max_response_bytes " + maxResponseBytes
                : maxResponseBytes + " bytes (the default when the grant has no max_response_bytes)";
    }
}
