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
    /** The OAuth grant type the client authorizes itself with. */
    OAUTH("oauth", false, List.of("authorization_code", "client_credentials")),
    /** A client id registered with the authorization server in advance. */
    CLIENT_ID("client_id", false, List.of()),
    /** The environment variable holding the client secret of {@link #CLIENT_ID}. */
    CLIENT_SECRET_ENV("client_secret_env", false, List.of()),
    /** The environment variable holding the PEM private key the client signs its assertions with. */
    CLIENT_KEY_ENV("client_key_env", false, List.of()),
    /** The scopes to ask for, separated by spaces. */
    SCOPE("scope", false, List.of()),
    /** The https URL of the client's metadata document, which serves as its client id. */
    CLIENT_METADATA_URL("client_metadata_url", false, List.of());

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
