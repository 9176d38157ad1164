package dev.lumen.runtime.mcp.auth;

import com.nimbusds.jose.JWSAlgorithm;
import dev.lumen.runtime.mcp.McpException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private key a client signs its JWT assertions with (private_key_jwt, RFC 7523), read from a PEM
 * {@code PRIVATE KEY} (PKCS #8, RSA or EC), and the JWS algorithm it signs with.
 */
record ClientKey(PrivateKey key, JWSAlgorithm algorithm) {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** The algorithms Lumen signs with, by key type. */
    private static final List<JWSAlgorithm> EC = List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final List<JWSAlgorithm> RSA = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /**
     * The key in {@code pem} and its algorithm: {@code named} (the grant's {@code client_key_alg}) if given, else
     * the one the key's curve asks for (EC), or the first RSA algorithm the server lists, else RS256.
     *
     * @param what the variable the key came from, for messages (never the key itself)
     */
    static ClientKey read(String pem, String named, List<String> serverAlgorithms, String label, String what) {
        Matcher m = PEM.matcher(pem.replace("\\n", "\n"));
        if (!m.find()) {
            throw new McpException(label + ": `" + what + "` does not hold a PEM private key (-----BEGIN PRIVATE KEY-----,"
                    + " PKCS #8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        PrivateKey key = decode(der, label, what);
        JWSAlgorithm alg = named != null ? JWSAlgorithm.parse(named) : defaultAlgorithm(key, serverAlgorithms);
        if (!(key instanceof ECPrivateKey ? EC : RSA).contains(alg)
                || key instanceof ECPrivateKey ec && !alg.equals(curveAlgorithm(ec))) {
            throw new McpException(label + ": the key in `" + what + "` cannot sign with " + alg.getName());
        }
        return new ClientKey(key, alg);
    }

    private static PrivateKey decode(byte[] der, String label, String what) {
        for (String type : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // try the other type
            }
        }
        throw new McpException(label + ": the private key in `" + what + "` is neither an EC nor an RSA key");
    }

    private static JWSAlgorithm defaultAlgorithm(PrivateKey key, List<String> serverAlgorithms) {
        if (key instanceof ECPrivateKey ec) {
            return curveAlgorithm(ec);
        }
        return RSA.stream().filter(a -> serverAlgorithms.contains(a.getName())).findFirst().orElse(JWSAlgorithm.RS256);
    }

    /** ES256 for P-256, ES384 for P-384, ES512 for P-521 (RFC 7518 §3.4). */
    private static JWSAlgorithm curveAlgorithm(ECPrivateKey key) {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        return bits <= 256 ? JWSAlgorithm.ES256 : bits <= 384 ? JWSAlgorithm.ES384 : JWSAlgorithm.ES512;
    }
}
