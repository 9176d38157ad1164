package dev.lumen.runtime.mcp.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scopes a token is asked for (MCP authorization, "Scope Selection Strategy", and SEP-2207 for
 * {@code offline_access}).
 */
final class Scopes {
    static final String OFFLINE_ACCESS = "offline_access";

    private Scopes() {
    }

    /**
     * The scopes of a first authorization: the grant's {@code scope}, with the challenge's {@code scope} — or,
     * when the challenge names none and the grant gives none, every scope of the resource's
     * {@code scopes_supported}; none at all when nothing names any (the request then omits {@code scope}).
     * {@code offline_access} is added, when {@code refreshable} and the authorization server lists it, to a
     * request that asks for some scope.
     *
     * @param asScopes the authorization server's {@code scopes_supported}, or null
     */
    static List<String> initial(List<String> granted, Challenge challenge, ResourceMetadata resource,
            List<String> asScopes, boolean refreshable) {
        Set<String> scopes = new LinkedHashSet<>(granted);
        if (!challenge.scopes().isEmpty()) {
            scopes.addAll(challenge.scopes());
        } else if (granted.isEmpty() && resource != null && resource.scopesSupported() != null) {
            scopes.addAll(resource.scopesSupported());
        }
        if (refreshable && !scopes.isEmpty() && asScopes != null && asScopes.contains(OFFLINE_ACCESS)) {
            scopes.add(OFFLINE_ACCESS);
        }
        return List.copyOf(scopes);
    }

    /** The scopes of a step-up authorization: those held, with those the {@code insufficient_scope} challenge asks. */
    static List<String> stepUp(List<String> held, Challenge challenge) {
        Set<String> scopes = new LinkedHashSet<>(held);
        scopes.addAll(challenge.scopes());
        return List.copyOf(scopes);
    }

    /** Whether the scopes {@code held} include every scope the challenge asks for. */
    static boolean covers(List<String> held, Challenge challenge) {
        return held.containsAll(challenge.scopes());
    }

    /** The words of a {@code scope} value (space-separated, RFC 6749 §3.3). */
    static List<String> words(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(scope.trim().split("\\s+")).toList());
    }
}
