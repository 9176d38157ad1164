package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import dev.lumen.runtime.mcp.McpException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeyTest {
    @Test
    void anEcKeySignsWithTheAlgorithmOfItsCurve() throws Exception {
        assertEquals(JWSAlgorithm.ES256, ClientKey.read(pem("EC", "secp256r1"), null, List.of(), "s", "KEY").algorithm());
        assertEquals(JWSAlgorithm.ES384, ClientKey.read(pem("EC", "secp384r1"), null, List.of(), "s", "KEY").algorithm());
    }

    @Test
    void anRsaKeySignsWithWhatTheServerListsOrRs256() throws Exception {
        String rsa = pem("RSA", null);
        assertEquals(JWSAlgorithm.RS256, ClientKey.read(rsa, null, List.of("ES256"), "s", "KEY").algorithm());
        assertEquals(JWSAlgorithm.PS256, ClientKey.read(rsa, null, List.of("ES256", "PS256"), "s", "KEY").algorithm());
        assertEquals(JWSAlgorithm.RS512, ClientKey.read(rsa, "RS512", List.of("PS256"), "s", "KEY").algorithm());
    }

    @Test
    void aKeyThatCannotSignWithTheNamedAlgorithmIsRefused() throws Exception {
        McpException e = assertThrows(McpException.class,
                () -> ClientKey.read(pem("EC", "secp256r1"), "ES384", List.of(), "MCP server \"A\"", "KEY"));
        assertEquals("MCP server \"A\": the key in `KEY` cannot sign with ES384", e.getMessage());
    }

    @Test
    void somethingElseIsNotAKeyAndTheMessageShowsNoneOfIt() {
        McpException e = assertThrows(McpException.class,
                () -> ClientKey.read("sk-live-secret-value", null, List.of(), "MCP server \"A\"", "KEY"));
        assertEquals("MCP server \"A\": `KEY` does not hold a PEM private key (-----BEGIN PRIVATE KEY-----, PKCS #8)",
                e.getMessage());
        assertFalse(e.getMessage().contains("sk-live"));
    }

    @Test
    void aKeyWithEscapedNewlinesAsEnvironmentsHoldThemIsRead() throws Exception {
        String escaped = pem("EC", "secp256r1").replace("\n", "\\n");
        assertEquals(JWSAlgorithm.ES256, ClientKey.read(escaped, null, List.of(), "s", "KEY").algorithm());
    }

    private static String pem(String type, String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        if (curve != null) {
            generator.initialize(new ECGenParameterSpec(curve));
        } else {
            generator.initialize(2048);
        }
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
