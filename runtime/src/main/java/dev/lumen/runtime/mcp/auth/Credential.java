package dev.lumen.runtime.mcp.auth;

import java.time.Instant;
import java.util.List;

/**
 * What the credential store keeps for one server grant (mcp-bridge-v1.md §11.4): the authorization server that
 * issued the tokens, the client it issued them to (its registration, when the client registered itself), and the
 * tokens with their scopes and expiry.
 *
 * @param server         the MCP server's address, so that a person reading the store can tell entries apart
 * @param issuer         the authorization server: tokens and registration are used with no other
 * @param clientId       the client id the tokens were issued to
 * @param clientSecret   the secret of a client that registered itself (RFC 7591), or null
 * @param authMethod     how that client authenticates at the token endpoint
 * @param redirectUri    the redirect URI that client registered, or null
 * @param accessToken    the access token
 * @param refreshToken   the refresh token, or null
 * @param expiresAt      when the access token expires (seconds since the epoch), or 0 when unknown
 * @param scopes         the scopes of the access token
 */
record Credential(String server, String issuer, String clientId, String clientSecret,
        String authMethod, String redirectUri, String accessToken, String refreshToken, long expiresAt,
        List<String> scopes) {
    /** A stored token this close to its expiry is not sent: it could expire on the way. */
    private static final long MARGIN_SECONDS = 30;

    Credential {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Whether the access token has not expired (a token of unknown expiry has not). */
    boolean usable(Instant now) {
        return accessToken != null && (expiresAt == 0 || now.getEpochSecond() < expiresAt);
    }

    /** Whether a stored token is worth sending at the start of a session: it does not expire within 30 s. */
    boolean fresh(Instant now) {
        return accessToken != null && (expiresAt == 0 || now.getEpochSecond() + MARGIN_SECONDS < expiresAt);
    }

    /** This credential with new tokens (a refresh that gives no new refresh token keeps the old one). */
    Credential withTokens(String access, String refresh, long expiry, List<String> tokenScopes) {
        return new Credential(server, issuer, clientId, clientSecret, authMethod, redirectUri, access,
                refresh == null ? refreshToken : refresh, expiry, tokenScopes);
    }
}
