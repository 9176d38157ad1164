package dev.lumen.runtime.mcp.auth;

import static dev.lumen.runtime.mcp.McpServerClause.ID_TOKEN_ENV;
import static dev.lumen.runtime.mcp.McpServerClause.IDP_CLIENT_ID;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.List;

/**
 * The grants that need no user at hand: client credentials (the MCP extension "OAuth Client Credentials", with a
 * secret or a signed assertion), and cross-app access (SEP-990, "Enterprise-Managed Authorization"): the
 * identity provider's ID token is exchanged at that provider for an identity assertion grant (ID-JAG, RFC 8693),
 * which the MCP server's authorization server takes as a JWT bearer grant (RFC 7523).
 */
final class DirectGrants {
    /** The token type of an identity assertion JWT authorization grant. */
    static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

    private final AuthHttp http;
    private final TokenEndpoint tokens;
    private final AuthEnvironment env;
    private final Clients clients;
    private final String label;

    DirectGrants(AuthHttp http, TokenEndpoint tokens, AuthEnvironment env, Clients clients, String label) {
        this.http = http;
        this.tokens = tokens;
        this.env = env;
        this.clients = clients;
        this.label = label;
    }

    Credential clientCredentials(String server, Discovery.Found found, List<String> scopes) {
        ServerMetadata as = found.server();
        refuseUnless(as, GrantType.CLIENT_CREDENTIALS);
        Client client = clients.named(as).orElseThrow();
        URI endpoint = as.tokenEndpoint(label);
        return credential(server, as, client, tokens.request(endpoint, as.issuer(), client,
                new ClientCredentialsGrant(), scopes, found.resource(), "the client credentials grant"));
    }

    Credential crossAppAccess(String server, Discovery.Found found, List<String> scopes) {
        ServerMetadata as = found.server();
        refuseUnless(as, GrantType.JWT_BEARER);
        String variable = clients.plan().value(ID_TOKEN_ENV).orElseThrow();
        String idToken = env.secret(label, ID_TOKEN_ENV.clause(), variable);
        URI idpIssuer = issuer(idToken, variable);
        ServerMetadata idp = ServerMetadata.discover(http, idpIssuer, label);
        URI idpEndpoint = idp.tokenEndpoint(label);
        Client idpClient = clients.plan().value(IDP_CLIENT_ID)
                .map(id -> new Client(id, null, null, Client.NONE, null)).orElse(null);
        TokenExchangeGrant exchange = new TokenExchangeGrant(new TypelessAccessToken(idToken), TokenTypeURI.ID_TOKEN,
                null, null, tokenType(ID_JAG), List.of(new Audience(as.issuer().toString())));
        TokenEndpoint.Issued grant = tokens.request(idpEndpoint, idpIssuer, idpClient, exchange, scopes,
                found.resource(), "the token exchange at identity provider " + idpIssuer);
        SignedJWT assertion;
        try {
            assertion = SignedJWT.parse(grant.accessToken());
        } catch (java.text.ParseException e) {
            throw new McpException(label + ": identity provider " + idpIssuer + " answered the token exchange with a"
                    + " grant that is not a signed JWT");
        }
        Client client = clients.named(as).orElseThrow();
        URI endpoint = as.tokenEndpoint(label);
        return credential(server, as, client, tokens.request(endpoint, as.issuer(), client,
                new JWTBearerGrant(assertion), scopes, found.resource(), "the JWT bearer grant"));
    }

    /** The issuer of the ID token, where it is exchanged. */
    private URI issuer(String idToken, String variable) {
        try {
            JWT jwt = JWTParser.parse(idToken);
            String iss = jwt.getJWTClaimsSet().getIssuer();
            return Urls.absolute(iss == null ? "" : iss).orElseThrow(() -> new McpException(label + ": the ID token in `"
                    + variable + "` names no issuer (iss) to exchange it at"));
        } catch (java.text.ParseException e) {
            throw new McpException(label + ": `" + variable + "` does not hold an ID token (a JWT)");
        }
    }

    private static TokenTypeURI tokenType(String uri) {
        try {
            return TokenTypeURI.parse(uri);
        } catch (ParseException e) {
            throw new IllegalStateException(uri, e);
        }
    }

    private void refuseUnless(ServerMetadata as, GrantType grant) {
        if (!as.acceptsGrant(grant)) {
            throw new McpException(label + ": authorization server " + as.issuer() + " does not take the "
                    + grant.getValue() + " grant (its grant_types_supported lists others)");
        }
    }

    private static Credential credential(String server, ServerMetadata as, Client client,
            TokenEndpoint.Issued issued) {
        return new Credential(server, as.issuer().toString(), client.id(), null, client.method(),
                null, issued.accessToken(), issued.refreshToken(), issued.expiresAt(), issued.scopes());
    }
}
