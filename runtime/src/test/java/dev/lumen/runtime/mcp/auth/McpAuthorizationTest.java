package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerGrant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session does with a 401 or 403 before it needs an authorization server, and the token it sends. */
class McpAuthorizationTest {
    private static final String LABEL = "MCP server \"http://127.0.0.1:9/mcp\"";
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9/mcp");

    @TempDir
    Path store;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    @Test
    void withoutAGrantA401SaysHowToGrantAuthorization() {
        McpAuthorization auth = McpAuthorization.of(LABEL, ENDPOINT, McpServerGrant.NONE, env(Map.of()));
        assertEquals(Optional.empty(), header(auth));
        McpException e = assertThrows(McpException.class, () -> auth.answer(sent(null),
                response(401, "Bearer error=\"invalid_token\", error_description=\"Missing Authorization header\"")));
        assertEquals(LABEL + " asks for authorization (HTTP 401, invalid_token: Missing Authorization header), and the"
                + " document grants it none: add `bearer_env \"NAME\"` or `oauth \"authorization_code\"` to the grant"
                + " of the server (mcp-bridge-v1.md §11.4)", e.getMessage());
    }

    @Test
    void aBearerTokenFromTheEnvironmentGoesOnEveryRequestAndNeverIntoAMessage() {
        McpAuthorization auth = McpAuthorization.of(LABEL, ENDPOINT, grant("bearer_env", "DOCS_TOKEN"),
                env(Map.of("DOCS_TOKEN", "sk-live-123")));
        assertEquals(Optional.of("Bearer sk-live-123"), header(auth));
        McpException e = assertThrows(McpException.class,
                () -> auth.answer(sent("sk-live-123"), response(401, "Bearer error=\"invalid_token\"")));
        assertEquals(LABEL + " refused the bearer token of `DOCS_TOKEN` (HTTP 401, invalid_token)", e.getMessage());
        assertFalse(e.getMessage().contains("sk-live"));
    }

    @Test
    void aBearerVariableThatIsNotSetFailsBeforeAnythingIsSent() {
        McpException e = assertThrows(McpException.class, () -> McpAuthorization.of(LABEL, ENDPOINT,
                grant("bearer_env", "DOCS_TOKEN"), env(Map.of("DOCS_TOKEN", ""))));
        assertEquals(LABEL + ": the environment variable `DOCS_TOKEN` that `bearer_env` names is not set (or is empty)",
                e.getMessage());
    }

    @Test
    void aGrantWhoseClausesDoNotFitIsRefused() {
        McpException e = assertThrows(McpException.class, () -> McpAuthorization.of(LABEL, ENDPOINT,
                grant("oauth", "client_credentials"), env(Map.of())));
        assertEquals(LABEL + ": the grant's `oauth` \"client_credentials\" needs the client's `client_id`; add"
                + " `client_id \"…\"` and `client_secret_env` or `client_key_env`", e.getMessage());
    }

    @Test
    void theStoredTokenIsSentUntilItExpires() {
        McpServerGrant grant = grant("oauth", "authorization_code");
        keep(grant, credential(Instant.now().getEpochSecond() + 3600, List.of("read")));
        assertEquals(Optional.of("Bearer at-1"), header(McpAuthorization.of(LABEL, ENDPOINT, grant, env(Map.of()))));
        keep(grant, credential(Instant.now().getEpochSecond() - 1, List.of("read")));
        assertEquals(Optional.empty(), header(McpAuthorization.of(LABEL, ENDPOINT, grant, env(Map.of()))));
    }

    @Test
    void anotherGrantOfTheServerDoesNotSeeTheToken() {
        keep(grant("oauth", "authorization_code"), credential(0, List.of()));
        McpServerGrant other = new McpServerGrant(Map.of("oauth", List.of("authorization_code"),
                "client_metadata_url", List.of("https://example.com/lumen.json")));
        assertEquals(Optional.empty(), header(McpAuthorization.of(LABEL, ENDPOINT, other, env(Map.of()))));
    }

    @Test
    void aRequestSentBeforeANewerTokenIsSentAgainWithIt() {
        McpServerGrant grant = grant("oauth", "authorization_code");
        keep(grant, credential(0, List.of()));
        McpAuthorization auth = McpAuthorization.of(LABEL, ENDPOINT, grant, env(Map.of()));
        assertTrue(auth.answer(sent("at-0"), response(401, "Bearer")));
    }

    @Test
    void aStepUpForScopesTheTokenHasIsNotAuthorizedAgain() {
        McpServerGrant grant = grant("oauth", "authorization_code");
        keep(grant, credential(0, List.of("mcp:admin")));
        McpAuthorization auth = McpAuthorization.of(LABEL, ENDPOINT, grant, env(Map.of()));
        McpException e = assertThrows(McpException.class, () -> auth.answer(sent("at-1"),
                response(403, "Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"")));
        assertEquals(LABEL + " asks for the scopes `mcp:admin`, which its token already has (HTTP 403,"
                + " insufficient_scope); Lumen does not authorize again", e.getMessage());
        McpException other = assertThrows(McpException.class, () -> auth.answer(sent("at-1"),
                response(403, "Bearer error=\"access_denied\"")));
        assertEquals(LABEL + " refused the request (HTTP 403, access_denied): its token does not allow it",
                other.getMessage());
        assertTrue(auth.authorizingNanos() > 0, "the time of answering counts as authorizing");
    }

    private void keep(McpServerGrant grant, Credential credential) {
        new CredentialStore(store).save(CredentialStore.key(Urls.canonical(ENDPOINT).toString(),
                GrantPlan.of(grant, LABEL).identity()), credential, LABEL);
    }

    private static Credential credential(long expiresAt, List<String> scopes) {
        return new Credential(ENDPOINT.toString(), "http://127.0.0.1:9", "client-1", null, "none", null, "at-1",
                null, expiresAt, scopes);
    }

    private AuthEnvironment env(Map<String, String> variables) {
        return new AuthEnvironment(variables, store, Duration.ofSeconds(5),
                new PrintStream(messages, true, StandardCharsets.UTF_8), url -> { });
    }

    private static McpServerGrant grant(String clause, String value) {
        Map<String, List<Object>> clauses = new LinkedHashMap<>();
        clauses.put(clause, List.of(value));
        return new McpServerGrant(clauses);
    }

    private static Optional<String> header(McpAuthorization auth) {
        HttpRequest request = auth.customize(HttpRequest.newBuilder(ENDPOINT)).block().build();
        return request.headers().firstValue("Authorization");
    }

    private static HttpHeaders sent(String token) {
        return HttpHeaders.of(token == null ? Map.of() : Map.of("Authorization", List.of("Bearer " + token)),
                (a, b) -> true);
    }

    private static HttpResponse.ResponseInfo response(int status, String challenge) {
        HttpHeaders headers = HttpHeaders.of(Map.of("WWW-Authenticate", List.of(challenge)), (a, b) -> true);
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
