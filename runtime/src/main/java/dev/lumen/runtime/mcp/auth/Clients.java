package dev.lumen.runtime.mcp.auth;

import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_ID;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_KEY_ALG;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_KEY_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_SECRET_ENV;

import java.util.Optional;

/**
 * The clients a grant makes Lumen: the one registered in advance that {@code client_id} names, with the secret or
 * key its {@code *_env} clauses name (read when needed, never kept), or the one a credential records.
 */
final class Clients {
    private final GrantPlan plan;
    private final AuthEnvironment env;
    private final String label;

    Clients(GrantPlan plan, AuthEnvironment env, String label) {
        this.plan = plan;
        this.env = env;
        this.label = label;
    }

    GrantPlan plan() {
        return plan;
    }

    /** The client {@code client_id} names, authenticating as the server {@code as} takes, if the grant names one. */
    Optional<Client> named(ServerMetadata as) {
        Optional<String> id = plan.value(CLIENT_ID);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String secret = plan.value(CLIENT_SECRET_ENV).map(n -> env.secret(label, CLIENT_SECRET_ENV.clause(), n))
                .orElse(null);
        ClientKey key = plan.value(CLIENT_KEY_ENV).map(n -> ClientKey.read(env.secret(label, CLIENT_KEY_ENV.clause(), n),
                plan.value(CLIENT_KEY_ALG).orElse(null), as.signingAlgorithms(), label, n)).orElse(null);
        String method = Client.method(secret, key, as.authMethods(), label, as.issuer());
        return Optional.of(new Client(id.get(), secret, key, method, null));
    }

    /** The client {@code credential} was issued to: the named one, or the one that registered itself. */
    Client of(Credential credential, ServerMetadata as) {
        return named(as).orElseGet(() -> new Client(credential.clientId(), credential.clientSecret(), null,
                credential.authMethod(), null));
    }
}
