package dev.lumen.runtime.limits;

import dev.lumen.runtime.json.CanonicalJson;

/**
 * What one limit is about, and so which calls count together (tool-manifest-v1.md §4.4): the tool (a native
 * tool's id, or {@code mcp:ADDRESS#tool}), the grant it is written in (its policy hash, which covers every
 * clause, the limit's own number and unit included) and the clause ({@code rate_limit}, {@code token_budget}).
 * Aliases are names inside one document and are not part of it.
 */
public record LimitKey(String toolId, String policyHash, String clause) {

    /** {@code sha256(tool_id ":" policy_hash ":" clause)}, in the form of trace-v1.md §2.1. */
    public String hash() {
        return CanonicalJson.sha256(toolId + ":" + policyHash + ":" + clause);
    }
}
