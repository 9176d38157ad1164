package dev.lumen.runtime.mcp.auth;

import static dev.lumen.runtime.mcp.McpServerClause.BEARER_ENV;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerGrant;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The authorization of one session with a Streamable HTTP server (mcp-bridge-v1.md §11.4), plugged into the SDK's
 * transport: {@link #customize} puts the bearer token on every request, and {@link #errorHandler} answers the
 * server's 401 and 403 — discovery, then a refresh or a new authorization as the grant says, after which the SDK
 * sends the request again. Tokens are kept in the {@link CredentialStore} and read from it at the start.
 */
public final class McpAuthorization {
    /** How many times in a row the client authorizes before it gives up on a server that keeps refusing. */
    static final int MAX_AUTHORIZATIONS = 3;
    /** A token refused after this long had served: the refusals before it no longer count as in a row. */
    private static final long SERVED_NANOS = 60_000_000_000L;
    private static final String BEARER = "Bearer ";

    private final String label;
    private final String server;
    private final GrantPlan plan;
    private final AuthEnvironment env;
    private final CredentialStore store;
    private final String key;
    private final Discovery discovery;
    private final TokenEndpoint tokens;
    private final Clients clients;
    private final AuthorizationCodeFlow codeFlow;
    private final DirectGrants directGrants;
    /** The token of {@code bearer_env}, read at the start. */
    private final String bearerToken;
    /** The OAuth credential in use, or null before the first authorization. */
    private Credential current;
    /** Whether {@link #current} came from the store about to expire: it is then not sent, only refreshed. */
    private boolean stale;
    /** Authorizations in a row (each refused soon after), and when the last one obtained its token. */
    private int authorizations;
    private long obtainedAt;
    /** Nanoseconds spent authorizing, and when the authorization under way started (0: none). */
    private final AtomicLong spent = new AtomicLong();
    private volatile long since;

    private McpAuthorization(String label, URI endpoint, GrantPlan plan, AuthEnvironment env) {
        this.label = label;
        this.server = Urls.canonical(endpoint).toString();
        this.plan = plan;
        this.env = env;
        this.store = new CredentialStore(env.credentials());
        this.key = CredentialStore.key(server, plan.identity());
        AuthHttp http = new AuthHttp(label);
        this.discovery = new Discovery(http, endpoint, label);
        this.tokens = new TokenEndpoint(http, label);
        this.clients = new Clients(plan, env, label);
        this.codeFlow = new AuthorizationCodeFlow(http, tokens, env, clients, label);
        this.directGrants = new DirectGrants(http, tokens, env, clients, label);
        this.obtainedAt = System.nanoTime() - SERVED_NANOS - 1; // nothing obtained yet
        this.bearerToken = plan.mode() == GrantPlan.Mode.BEARER
                ? env.secret(label, BEARER_ENV.clause(), plan.value(BEARER_ENV).orElseThrow()) : null;
        if (usesStore()) {
            this.current = store.load(key, label).orElse(null);
            this.stale = current != null && !current.fresh(Instant.now());
        }
    }

    /**
     * The authorization of the server at {@code endpoint} under {@code grant}.
     *
     * @param label how messages name the server ({@code MCP server "ADDRESS"})
     * @throws McpException when the grant's clauses do not fit together, or the variable {@code bearer_env} names
     *                      is not set
     */
    public static McpAuthorization of(String label, URI endpoint, McpServerGrant grant, AuthEnvironment env) {
        return new McpAuthorization(label, endpoint, GrantPlan.of(grant, label), env);
    }

    private boolean usesStore() {
        return plan.mode() != GrantPlan.Mode.NONE && plan.mode() != GrantPlan.Mode.BEARER;
    }

    /** {@code request} with the {@code Authorization} header of the token in use, if there is one. */
    public Mono<HttpRequest.Builder> customize(HttpRequest.Builder request) {
        String token = token();
        return Mono.just(token == null ? request : request.setHeader("Authorization", BEARER + token));
    }

    private synchronized String token() {
        if (bearerToken != null) {
            return bearerToken;
        }
        return current != null && !stale && current.usable(Instant.now()) ? current.accessToken() : null;
    }

    /**
     * How long this session has spent authorizing, in nanoseconds, including an authorization under way: the
     * time a request waits for the user, which its own timeout does not count.
     */
    public long authorizingNanos() {
        long started = since;
        return spent.get() + (started == 0 ? 0 : System.nanoTime() - started);
    }

    /** The SDK's hook for 401 and 403 answers: authorizes (blocking, off the event loop), then asks for a retry. */
    public McpHttpClientTransportAuthorizationErrorHandler errorHandler() {
        return new McpHttpClientTransportAuthorizationErrorHandler() {
            @Override
            public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
                    McpTransportContext context) {
                return Mono.fromCallable(() -> answer(request.headers(), response))
                        .subscribeOn(Schedulers.boundedElastic());
            }

            @Override
            public int maxRetries() {
                return MAX_AUTHORIZATIONS;
            }
        };
    }

    /**
     * Answers a 401 or 403 to a request that carried {@code sent}: true to send it again with a new token.
     *
     * @throws McpException when the client cannot or should not authorize (again)
     */
    synchronized boolean answer(HttpHeaders sent, HttpResponse.ResponseInfo response) {
        since = System.nanoTime();
        try {
            int status = response.statusCode();
            Challenge challenge = Challenge.parse(response.headers().allValues("WWW-Authenticate"));
            String refusal = " (HTTP " + status + (challenge.describe().isEmpty() ? "" : ", " + challenge.describe())
                    + ")";
            switch (plan.mode()) {
                case NONE -> throw new McpException(label + " asks for authorization" + refusal + ", and the document"
                        + " grants it none: add `bearer_env \"NAME\"` or `oauth \"authorization_code\"` to the grant of"
                        + " the server (mcp-bridge-v1.md §11.4)");
                case BEARER -> throw new McpException(label + " refused the bearer token of `"
                        + plan.value(BEARER_ENV).orElseThrow() + "`" + refusal);
                default -> {
                    // handled below
                }
            }
            String sentToken = sent.firstValue("Authorization").filter(h -> h.startsWith(BEARER))
                    .map(h -> h.substring(BEARER.length())).orElse(null);
            if (current != null && !stale && current.usable(Instant.now()) && !current.accessToken().equals(sentToken)) {
                return true; // another request has been authorized since this one was sent
            }
            boolean stepUp = status == 403;
            if (stepUp && !challenge.isInsufficientScope()) {
                throw new McpException(label + " refused the request" + refusal + ": its token does not allow it");
            }
            if (stepUp && current != null && Scopes.covers(current.scopes(), challenge)) {
                throw new McpException(label + " asks for the scopes `" + String.join(" ", challenge.scopes())
                        + "`, which its token already has" + refusal + "; Lumen does not authorize again");
            }
            if (System.nanoTime() - obtainedAt > SERVED_NANOS) {
                authorizations = 0;
            }
            if (++authorizations > MAX_AUTHORIZATIONS) {
                throw new McpException(label + " still refuses after " + MAX_AUTHORIZATIONS + " authorizations"
                        + refusal);
            }
            authorize(challenge, stepUp);
            return true;
        } finally {
            spent.addAndGet(System.nanoTime() - since);
            since = 0;
        }
    }

    /** Finds the authorization server, then refreshes the token if it can, or obtains a new one as the grant says. */
    private void authorize(Challenge challenge, boolean stepUp) {
        Discovery.Found found = discovery.discover(challenge);
        Optional<Credential> previous = Optional.ofNullable(current)
                .filter(c -> ServerMetadata.sameIssuer(c.issuer(), found.server().issuer().toString()));
        if (current != null && previous.isEmpty()) {
            store.remove(key); // issued by another authorization server: never sent to this one
            current = null;
        }
        if (!stepUp && previous.isPresent() && previous.get().refreshToken() != null) {
            Optional<Credential> refreshed = refresh(previous.get(), found);
            if (refreshed.isPresent()) {
                keep(refreshed.get());
                return;
            }
        }
        List<String> scopes = stepUp && current != null ? Scopes.stepUp(current.scopes(), challenge)
                : Scopes.initial(plan.scopes(), challenge, found.metadata(), found.server().scopesSupported(),
                        plan.mode() == GrantPlan.Mode.AUTHORIZATION_CODE);
        keep(switch (plan.mode()) {
            case CLIENT_CREDENTIALS -> directGrants.clientCredentials(server, found, scopes);
            case CROSS_APP_ACCESS -> directGrants.crossAppAccess(server, found, scopes);
            default -> codeFlow.authorize(server, found, scopes, previous);
        });
    }

    /** A refreshed credential, or empty when the authorization server no longer takes the refresh token. */
    private Optional<Credential> refresh(Credential credential, Discovery.Found found) {
        ServerMetadata as = found.server();
        try {
            TokenEndpoint.Issued issued = tokens.request(as.tokenEndpoint(label), as.issuer(),
                    clients.of(credential, as), new RefreshTokenGrant(new RefreshToken(credential.refreshToken())),
                    List.of(), found.resource(), "the token refresh");
            return Optional.of(credential.withTokens(issued.accessToken(), issued.refreshToken(), issued.expiresAt(),
                    issued.scopes().isEmpty() ? credential.scopes() : issued.scopes()));
        } catch (McpException e) {
            env.messages().println("lumen: " + e.getMessage() + "; authorizing again");
            return Optional.empty();
        }
    }

    private void keep(Credential credential) {
        current = credential;
        stale = false;
        obtainedAt = System.nanoTime();
        store.save(key, credential, label);
    }
}
