package dev.lumen.runtime.mcp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The clauses of a server grant, {@code grant Alias …} on an MCP alias (mcp-bridge-v1.md §11): they concern the
 * session with the server, not one of its tools. Every value is a string; a clause with {@link #values} takes
 * one of those. The front end checks grants against this table and the runtime reads it, so it is the one
 * place a server clause is defined.
 */
public enum McpServerClause {
    /** How the client answers {@code elicitation/create}. */
    ELICITATION("elicitation", false, McpElicitation.texts()),
    /** A directory or file the server may know of ({@code roots/list}); repeatable. */
    ROOTS("roots", true, List.of()),
    /** The {@code llm.chat} alias that answers {@code sampling/createMessage}, under its own grant. */
    SAMPLING("sampling", false, List.of()),
    /** The environment variable holding a bearer token sent with every HTTP request. */
    BEARER_ENV("bearer_env", false, List.of()),
    /** How the client obtains its OAuth tokens: the user's consent, its own credentials, or an identity provider's. */
    OAUTH("oauth", false, List.of("authorization_code", "client_credentials", "cross_app_access")),
    /** A client id registered with the authorization server in advance. */
    CLIENT_ID("client_id", false, List.of()),
    /** The environment variable holding the client secret of {@link #CLIENT_ID}. */
    CLIENT_SECRET_ENV("client_secret_env", false, List.of()),
    /** The environment variable holding the PEM private key the client signs its assertions with. */
    CLIENT_KEY_ENV("client_key_env", false, List.of()),
    /** The JWS algorithm of those assertions, when not the one the key's type implies. */
    CLIENT_KEY_ALG("client_key_alg", false, List.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256",
            "PS384", "PS512")),
    /** The scopes to ask for, separated by spaces. */
    SCOPE("scope", false, List.of()),
    /** The https URL of the client's metadata document, which serves as its client id. */
    CLIENT_METADATA_URL("client_metadata_url", false, List.of()),
    /** The environment variable holding the identity provider's ID token, for cross-app access. */
    ID_TOKEN_ENV("id_token_env", false, List.of()),
    /** The client id of the client at the identity provider, for cross-app access. */
    IDP_CLIENT_ID("idp_client_id", false, List.of());

    private final String clause;
    private final boolean repeatable;
    private final List<String> allowed;

    McpServerClause(String clause, boolean repeatable, List<String> values) {
        this.clause = clause;
        this.repeatable = repeatable;
        this.allowed = values;
    }

    /** The clause as a grant writes it. */
    public String clause() {
        return clause;
    }

    public boolean repeatable() {
        return repeatable;
    }

    /** The values the clause takes, or empty when it takes any non-empty string. */
    public List<String> allowed() {
        return allowed;
    }

    public static Optional<McpServerClause> byClause(String clause) {
        return Arrays.stream(values()).filter(c -> c.clause.equals(clause)).findFirst();
    }

    /** Every clause's name, in table order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(McpServerClause::clause).toList();
    }
}
