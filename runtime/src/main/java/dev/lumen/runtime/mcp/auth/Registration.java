package dev.lumen.runtime.mcp.auth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591): Lumen registers itself as a client that uses authorization codes and
 * refresh tokens (SEP-2207) with one loopback redirect URI, authenticating as the server prefers — as a public
 * client when it takes that, else with the secret it issues.
 */
final class Registration {
    /** The client name an authorization server shows the user. */
    static final String CLIENT_NAME = "Lumen";

    private Registration() {
    }

    static Client register(AuthHttp http, ServerMetadata server, URI redirect, String label) {
        URI endpoint = server.registrationEndpoint().orElseThrow();
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(CLIENT_NAME);
        metadata.setRedirectionURI(redirect);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.parse(preferred(server.authMethods())));
        HTTPResponse response = http.send(new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest(),
                "registering with authorization server " + server.issuer());
        ClientRegistrationResponse answer;
        try {
            answer = ClientRegistrationResponse.parse(response);
        } catch (ParseException e) {
            throw new McpException(label + ": authorization server " + server.issuer() + " answered the client"
                    + " registration with something that is not a registration response (HTTP "
                    + response.getStatusCode() + ")");
        }
        if (!answer.indicatesSuccess()) {
            var error = answer.toErrorResponse().getErrorObject();
            throw new McpException(label + ": authorization server " + server.issuer() + " refused to register Lumen: "
                    + error.getCode() + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        ClientInformation info = ((ClientInformationResponse) answer).getClientInformation();
        String secret = info.getSecret() == null ? null : info.getSecret().getValue();
        ClientAuthenticationMethod method = info.getMetadata().getTokenEndpointAuthMethod();
        String how = method != null ? method.getValue() : secret != null ? Client.BASIC : Client.NONE;
        return new Client(info.getID().getValue(), secret, null, how, redirect);
    }

    /** A public client where the server takes one (or lists nothing), else a secret in the header, else in the body. */
    private static String preferred(List<String> listed) {
        if (listed == null || listed.contains(Client.NONE)) {
            return Client.NONE;
        }
        return listed.contains(Client.BASIC) || !listed.contains(Client.POST) ? Client.BASIC : Client.POST;
    }
}
