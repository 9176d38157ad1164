package dev.lumen.runtime.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server grant of one MCP server (mcp-bridge-v1.md §11): the clauses of {@code grant Alias …}, by name, as
 * the LIR carries them. {@link #NONE} when the document grants the server nothing of its own.
 */
public record McpServerGrant(Map<String, List<Object>> clauses) {
    public static final McpServerGrant NONE = new McpServerGrant(Map.of());

    public McpServerGrant {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        clauses.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        clauses = Collections.unmodifiableMap(copy);
    }

    /** The one value of a non-repeatable clause, if granted. */
    public Optional<String> value(McpServerClause clause) {
        List<Object> v = clauses.get(clause.clause());
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(v.get(0)));
    }

    /** Every value of a clause, in source order. */
    public List<String> values(McpServerClause clause) {
        List<String> out = new ArrayList<>();
        clauses.getOrDefault(clause.clause(), List.of()).forEach(v -> out.add(String.valueOf(v)));
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * Whether the grant lets the server ask the client anything during a call (elicitation, roots, sampling):
     * the session then declares those capabilities, and what the server asks belongs to the call it came with.
     */
    public boolean letsServerAsk() {
        return elicitation().isPresent() || !values(McpServerClause.ROOTS).isEmpty()
                || value(McpServerClause.SAMPLING).isPresent();
    }

    /** The elicitation policy the grant states, if it states one. */
    public Optional<McpElicitation> elicitation() {
        return value(McpServerClause.ELICITATION).flatMap(McpElicitation::of);
    }

    /**
     * This grant with its {@code elicitation} clause replaced by {@code policy}, when there is one: a run's
     * {@code --mcp-elicitation} wins over the document (mcp-bridge-v1.md §11.3).
     */
    public McpServerGrant withElicitation(Optional<McpElicitation> policy) {
        if (policy.isEmpty()) {
            return this;
        }
        Map<String, List<Object>> replaced = new LinkedHashMap<>(clauses);
        replaced.put(McpServerClause.ELICITATION.clause(), List.of(policy.get().text()));
        return new McpServerGrant(replaced);
    }
}
