package dev.lumen.runtime.mcp.auth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Token requests (RFC 6749 §3.2) with the resource indicator of RFC 8707, and what their answers hold. Error
 * messages name the authorization server's error and never a token.
 */
final class TokenEndpoint {
    /** The tokens of a successful answer. */
    record Issued(String accessToken, String refreshToken, long expiresAt, List<String> scopes) {
    }

    private final AuthHttp http;
    private final String label;

    TokenEndpoint(AuthHttp http, String label) {
        this.http = http;
        this.label = label;
    }

    /**
     * Asks {@code endpoint} for a token with {@code grant}, as {@code client} of the server {@code issuer}, for
     * {@code scopes} (none: no {@code scope} parameter) and {@code resource} (null: none).
     *
     * @param what what the request is, for messages ("the token request", "the refresh", …)
     */
    Issued request(URI endpoint, URI issuer, Client client, AuthorizationGrant grant, List<String> scopes,
            URI resource, String what) {
        ClientAuthentication auth = client == null ? null : client.authentication(issuer, label);
        TokenRequest.Builder builder = auth != null ? new TokenRequest.Builder(endpoint, auth, grant)
                : client != null ? new TokenRequest.Builder(endpoint, new ClientID(client.id()), grant)
                : new TokenRequest.Builder(endpoint, grant);
        if (!scopes.isEmpty()) {
            builder.scope(new Scope(scopes.toArray(String[]::new)));
        }
        if (resource != null) {
            builder.resources(resource);
        }
        HTTPResponse response = http.send(builder.build().toHTTPRequest(), what);
        TokenResponse answer;
        try {
            answer = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new McpException(label + ": " + what + " at " + AuthHttp.origin(endpoint) + " got an answer that is"
                    + " not an OAuth token response (HTTP " + response.getStatusCode() + ")");
        }
        if (!answer.indicatesSuccess()) {
            ErrorObject error = answer.toErrorResponse().getErrorObject();
            String code = error.getCode() == null ? "no error code" : error.getCode();
            throw new McpException(label + ": the authorization server refused " + what + ": " + code
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")")
                    + " (HTTP " + response.getStatusCode() + ")");
        }
        Tokens tokens = answer.toSuccessResponse().getTokens();
        AccessToken access = tokens.getAccessToken();
        long expires = access.getLifetime() > 0 ? Instant.now().getEpochSecond() + access.getLifetime() : 0;
        List<String> granted = access.getScope() != null ? access.getScope().toStringList() : scopes;
        return new Issued(access.getValue(), tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(),
                expires, granted);
    }
}
