package dev.lumen.runtime.mcp.auth;

import static dev.lumen.runtime.mcp.McpServerClause.CLIENT_METADATA_URL;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The interactive authorization code grant with PKCE (OAuth 2.1 §4.1, RFC 7636 S256): Lumen listens on a loopback
 * redirect URI, prints the authorization URL and hands it to {@code $BROWSER}, waits for the redirect within the
 * timeout, and exchanges the code, naming the resource (RFC 8707) in both requests.
 */
final class AuthorizationCodeFlow {
    private final AuthHttp http;
    private final TokenEndpoint tokens;
    private final AuthEnvironment env;
    private final Clients clients;
    private final String label;

    AuthorizationCodeFlow(AuthHttp http, TokenEndpoint tokens, AuthEnvironment env, Clients clients, String label) {
        this.http = http;
        this.tokens = tokens;
        this.env = env;
        this.clients = clients;
        this.label = label;
    }

    /**
     * Authorizes for {@code scopes}, as the client {@code previous} registered if it registered itself with the
     * same server and its redirect port is free again.
     */
    Credential authorize(String server, Discovery.Found found, List<String> scopes, Optional<Credential> previous) {
        ServerMetadata as = found.server();
        as.requirePkce(label);
        URI authorizationEndpoint = as.authorizationEndpoint(label);
        URI tokenEndpoint = as.tokenEndpoint(label);
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        int port = previous.map(Credential::redirectUri).map(URI::create).map(URI::getPort).orElse(0);
        try (LoopbackRedirect redirect = LoopbackRedirect.open(Math.max(port, 0), state.getValue(), label)) {
            Client client = client(as, redirect.uri(), previous);
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                    new ClientID(client.id()))
                    .endpointURI(authorizationEndpoint)
                    .redirectionURI(redirect.uri())
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .resources(found.resource());
            if (!scopes.isEmpty()) {
                request.scope(new Scope(scopes.toArray(String[]::new)));
            }
            URI url = request.build().toURI();
            env.messages().println("lumen: " + label + " asks for authorization; open this URL in a browser to"
                    + " grant Lumen access" + (scopes.isEmpty() ? "" : " (" + String.join(" ", scopes) + ")") + ":");
            env.messages().println("  " + url);
            env.messages().println("lumen: waiting up to " + env.interactiveTimeout(label).toSeconds()
                    + " s for the authorization server to return to " + redirect.uri());
            env.browser().open(url);
            LoopbackRedirect.Answer answer = redirect.await(env.interactiveTimeout(label), label);
            if (answer.code() == null) {
                throw new McpException(label + ": the authorization server did not authorize Lumen: " + answer.error()
                        + (answer.description() == null || answer.description().isEmpty() ? ""
                        : " (" + answer.description() + ")"));
            }
            AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(answer.code()),
                    redirect.uri(), verifier);
            TokenEndpoint.Issued issued = tokens.request(tokenEndpoint, as.issuer(), client, grant, List.of(),
                    found.resource(), "the token request");
            boolean registered = client.redirectUri() != null;
            return new Credential(server, as.issuer().toString(), client.id(),
                    registered ? client.secret() : null, client.method(),
                    registered ? client.redirectUri().toString() : null, issued.accessToken(), issued.refreshToken(),
                    issued.expiresAt(), issued.scopes());
        }
    }

    /**
     * The client to authorize as (MCP authorization, "Client Registration Approaches"): the one the grant names,
     * else the client metadata document if the server takes those, else the client registered before for this
     * redirect URI, else a new registration.
     */
    private Client client(ServerMetadata as, URI redirect, Optional<Credential> previous) {
        Optional<Client> named = clients.named(as);
        if (named.isPresent()) {
            return named.get();
        }
        Optional<String> metadataUrl = clients.plan().value(CLIENT_METADATA_URL);
        if (metadataUrl.isPresent() && as.supportsClientMetadataDocuments()) {
            return new Client(metadataUrl.get(), null, null, Client.NONE, null);
        }
        if (previous.isPresent() && redirect.toString().equals(previous.get().redirectUri())) {
            Credential p = previous.get();
            return new Client(p.clientId(), p.clientSecret(), null, p.authMethod(), redirect);
        }
        if (as.registrationEndpoint().isPresent()) {
            return Registration.register(http, as, redirect, label);
        }
        throw new McpException(label + ": authorization server " + as.issuer() + " offers no dynamic client"
                + " registration" + (metadataUrl.isPresent() ? " and takes no client metadata documents" : "")
                + "; register Lumen with it and grant the client id: `client_id \"…\"`");
    }
}
