package dev.lumen.runtime.policy;

/**
 * A tool call its grants do not allow (a PolicyError): an ungranted host or path, a redirect off the
 * allowlist, a body over {@code max_response_bytes}, a call over the rate, a model or temperature outside the
 * grant, a spent token budget. The call does not happen (or stops where the limit is reached); the message names
 * the grant clause and what was asked for.
 */
public final class PolicyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String clause;

    /**
     * @param clause  the grant clause that refuses the call ({@code domain}, {@code path}, …), or
     *                {@code grant} when the call has no grant at all
     * @param message what was refused and why, e.g. {@code host evil.com is not granted (domain: api.example.com)}
     */
    public PolicyViolation(String clause, String message) {
        super(message, null, false, false);
        this.clause = clause;
    }

    public String clause() {
        return clause;
    }
}
