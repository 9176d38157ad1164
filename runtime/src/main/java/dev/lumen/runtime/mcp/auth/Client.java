package dev.lumen.runtime.mcp.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.List;

/**
 * The OAuth client Lumen is towards one authorization server, and how it authenticates at the token endpoint
 * (RFC 6749 §2.3, RFC 7523 §2.2): {@code none} (a public client, sending its {@code client_id}),
 * {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}.
 *
 * @param id           the client id
 * @param secret       its secret, or null
 * @param key          its signing key, or null
 * @param method       how it authenticates
 * @param redirectUri  the redirect URI it registered (self-registered clients), or null
 */
record Client(String id, String secret, ClientKey key, String method, URI redirectUri) {
    static final String NONE = ClientAuthenticationMethod.NONE.getValue();
    static final String BASIC = ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue();
    static final String POST = ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue();
    static final String PRIVATE_KEY_JWT = ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue();

    /**
     * The method for a client with {@code secret} or {@code key} (or neither) at a token endpoint that lists
     * {@code listed} (null when its metadata lists none: RFC 8414's default, client_secret_basic, is then assumed
     * for a secret, and a public client is let try): the key signs; a secret goes in the Authorization header if the
     * server takes that, else in the body; a client with neither is public.
     *
     * @throws McpException when the server lists methods and not that one
     */
    static String method(String secret, ClientKey key, List<String> listed, String label, URI issuer) {
        List<String> supported = listed == null ? List.of(BASIC) : listed;
        String method = key != null ? PRIVATE_KEY_JWT
                : secret != null ? (supported.contains(BASIC) || !supported.contains(POST) ? BASIC : POST)
                : NONE;
        if (!supported.contains(method) && (listed != null || key != null)) {
            throw new McpException(label + ": authorization server " + issuer + " does not take " + method
                    + " at its token endpoint (it takes " + String.join(", ", supported) + ")");
        }
        return method;
    }

    /** The client authentication of a token request to {@code issuer}, or null for a public client. */
    ClientAuthentication authentication(URI issuer, String label) {
        ClientID clientId = new ClientID(id);
        if (method.equals(BASIC)) {
            return new ClientSecretBasic(clientId, new Secret(secret));
        }
        if (method.equals(POST)) {
            return new ClientSecretPost(clientId, new Secret(secret));
        }
        if (method.equals(PRIVATE_KEY_JWT)) {
            try {
                // RFC 7523bis: the audience of the assertion is the authorization server's issuer identifier
                return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(clientId, new Audience(issuer.toString())),
                        key.algorithm(), key.key(), null, null);
            } catch (JOSEException e) {
                throw new McpException(label + ": the client assertion cannot be signed: " + e.getMessage());
            }
        }
        return null;
    }
}
