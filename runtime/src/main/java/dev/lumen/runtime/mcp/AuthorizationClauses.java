package dev.lumen.runtime.mcp;

import static dev.lumen.runtime.mcp.McpServerClause.BEARER_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_ID;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_KEY_ALG;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_KEY_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_METADATA_URL;
import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_SECRET_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.ID_TOKEN_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.IDP_CLIENT_ID;
import static dev.lumen.runtime.mcp.McpServerClause.OAUTH;
import static dev.lumen.runtime.mcp.McpServerClause.SCOPE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the authorization clauses of a server grant fit together (mcp-bridge-v1.md §11.4): the checker reports each
 * {@link Conflict} (E0053), and the runtime refuses a grant that has one, so the two never disagree.
 */
public final class AuthorizationClauses {
    private AuthorizationClauses() {
    }

    /** A clause that does not fit with the others: where to point, what is wrong, and how to fix it. */
    public record Conflict(McpServerClause clause, String problem, String help) {
    }

    /**
     * Every clause of {@code grant} that does not fit with its others, or with the server: authorization is of
     * HTTP requests, so a server that is a process ({@code overHttp} false) takes none.
     */
    public static List<Conflict> conflicts(McpServerGrant grant, boolean overHttp) {
        Function<McpServerClause, Boolean> has = c -> grant.value(c).isPresent();
        Optional<String> oauth = grant.value(OAUTH);
        List<Conflict> out = new ArrayList<>();
        if (!overHttp) {
            for (McpServerClause c : List.of(BEARER_ENV, OAUTH)) {
                if (has.apply(c)) {
                    out.add(new Conflict(c, "authorizes HTTP requests, and this server is a process (stdio)",
                            "remove it: a stdio server takes its credentials from its environment, not from a grant"));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        if (has.apply(BEARER_ENV) && oauth.isPresent()) {
            out.add(new Conflict(BEARER_ENV, "and `oauth` both say how the client is authorized",
                    "keep `bearer_env` for a token you hold, or `oauth` for Lumen to obtain one"));
        }
        if (oauth.isEmpty()) {
            for (McpServerClause c : List.of(CLIENT_ID, CLIENT_SECRET_ENV, CLIENT_KEY_ENV, CLIENT_KEY_ALG, SCOPE,
                    CLIENT_METADATA_URL, ID_TOKEN_ENV, IDP_CLIENT_ID)) {
                if (has.apply(c)) {
                    out.add(new Conflict(c, "takes effect only with `oauth`",
                            "say how the client is authorized, e.g. `oauth \"authorization_code\"`"));
                }
            }
            return out;
        }
        if (has.apply(CLIENT_SECRET_ENV) && has.apply(CLIENT_KEY_ENV)) {
            out.add(new Conflict(CLIENT_KEY_ENV, "and `client_secret_env` both authenticate the client",
                    "keep the secret (client_secret_basic or _post) or the key (private_key_jwt)"));
        }
        for (McpServerClause c : List.of(CLIENT_SECRET_ENV, CLIENT_KEY_ENV)) {
            if (has.apply(c) && !has.apply(CLIENT_ID)) {
                out.add(new Conflict(c, "authenticates a client registered in advance, which `client_id` names",
                        "add the client id the authorization server gave, e.g. `client_id \"lumen-cli\"`"));
            }
        }
        if (has.apply(CLIENT_KEY_ALG) && !has.apply(CLIENT_KEY_ENV)) {
            out.add(new Conflict(CLIENT_KEY_ALG, "is the algorithm of the key `client_key_env` names, and there is none",
                    "add `client_key_env \"NAME\"`, the variable that holds the PEM private key"));
        }
        switch (oauth.get()) {
            case "client_credentials" -> {
                if (!has.apply(CLIENT_ID)) {
                    out.add(new Conflict(OAUTH, "\"client_credentials\" needs the client's `client_id`",
                            "add `client_id \"…\"` and `client_secret_env` or `client_key_env`"));
                } else if (!has.apply(CLIENT_SECRET_ENV) && !has.apply(CLIENT_KEY_ENV)) {
                    out.add(new Conflict(OAUTH, "\"client_credentials\" needs the client's secret or key",
                            "add `client_secret_env \"NAME\"` or `client_key_env \"NAME\"`"));
                }
                notFor(grant, "client_credentials", List.of(CLIENT_METADATA_URL, ID_TOKEN_ENV, IDP_CLIENT_ID), out);
            }
            case "cross_app_access" -> {
                if (!has.apply(ID_TOKEN_ENV)) {
                    out.add(new Conflict(OAUTH, "\"cross_app_access\" needs the identity provider's ID token",
                            "add `id_token_env \"NAME\"`, the variable that holds it"));
                }
                if (!has.apply(CLIENT_ID)) {
                    out.add(new Conflict(OAUTH, "\"cross_app_access\" needs the client's `client_id` at the"
                            + " authorization server", "add `client_id \"…\"`"));
                }
                notFor(grant, "cross_app_access", List.of(CLIENT_METADATA_URL), out);
            }
            default -> notFor(grant, "authorization_code", List.of(ID_TOKEN_ENV, IDP_CLIENT_ID), out);
        }
        return out;
    }

    /**
     * Refuses a grant with a conflict, as a connection does.
     *
     * @throws McpException naming the first conflict, {@code label} being the server's
     */
    public static void require(McpServerGrant grant, boolean overHttp, String label) {
        List<Conflict> conflicts = conflicts(grant, overHttp);
        if (!conflicts.isEmpty()) {
            Conflict c = conflicts.get(0);
            throw new McpException(label + ": the grant's `" + c.clause().clause() + "` " + c.problem() + "; "
                    + c.help());
        }
    }

    private static void notFor(McpServerGrant grant, String oauth, List<McpServerClause> clauses, List<Conflict> out) {
        for (McpServerClause c : clauses) {
            if (grant.value(c).isPresent()) {
                out.add(new Conflict(c, "has no use with `oauth \"" + oauth + "\"`", "remove it"));
            }
        }
    }
}
