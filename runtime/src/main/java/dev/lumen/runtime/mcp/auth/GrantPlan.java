package dev.lumen.runtime.mcp.auth;

import static dev.lumen.runtime.mcp.McpServerClause.BEARER_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_ID;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_KEY_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_METADATA_URL;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_SECRET_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.ID_TOKEN_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.IDP_CLIENT_ID;
import static dev.lumen.runtime.mcp.McpServerClause.OAUTH;
import static dev.lumen.runtime.mcp.McpServerClause.SCOPE;

import dev.lumen.runtime.mcp.AuthorizationClauses;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerClause;
import dev.lumen.runtime.mcp.McpServerGrant;
import java.util.List;
import java.util.Optional;

/**
 * How a server grant asks for authorization (mcp-bridge-v1.md §11.4): which {@link Mode}, with which client. The
 * rules by which its clauses fit together are {@link AuthorizationClauses}.
 */
record GrantPlan(Mode mode, McpServerGrant grant) {
    /** What the client sends, and how it obtains it. */
    enum Mode {
        /** No credentials. */
        NONE,
        /** {@code bearer_env}: a token the user holds. */
        BEARER,
        /** {@code oauth "authorization_code"}: the user's consent, in a browser. */
        AUTHORIZATION_CODE,
        /** {@code oauth "client_credentials"}: the client's own credentials. */
        CLIENT_CREDENTIALS,
        /** {@code oauth "cross_app_access"}: an identity provider's ID token, exchanged for a grant (ID-JAG). */
        CROSS_APP_ACCESS
    }

    /**
     * The plan of {@code grant}.
     *
     * @throws McpException naming the first {@linkplain AuthorizationClauses#conflicts conflict}
     */
    static GrantPlan of(McpServerGrant grant, String label) {
        AuthorizationClauses.require(grant, true, label);
        Mode mode = grant.value(BEARER_ENV).isPresent() ? Mode.BEARER : grant.value(OAUTH).map(o -> switch (o) {
            case "client_credentials" -> Mode.CLIENT_CREDENTIALS;
            case "cross_app_access" -> Mode.CROSS_APP_ACCESS;
            default -> Mode.AUTHORIZATION_CODE;
        }).orElse(Mode.NONE);
        return new GrantPlan(mode, grant);
    }

    /**
     * What tells this grant's tokens from another's in the credential store: the grant type and every clause
     * that chooses the client or what it asks for.
     */
    String identity() {
        StringBuilder id = new StringBuilder(mode.name());
        for (McpServerClause c : List.of(CLIENT_ID, CLIENT_METADATA_URL, SCOPE, CLIENT_SECRET_ENV, CLIENT_KEY_ENV,
                ID_TOKEN_ENV, IDP_CLIENT_ID)) {
            id.append('\n').append(c.clause()).append('=').append(grant.value(c).orElse(""));
        }
        return id.toString();
    }

    Optional<String> value(McpServerClause clause) {
        return grant.value(clause);
    }

    List<String> scopes() {
        return Scopes.words(grant.value(SCOPE).orElse(null));
    }
}
