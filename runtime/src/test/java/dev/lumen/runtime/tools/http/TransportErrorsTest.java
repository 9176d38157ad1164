package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Failures as the JDK client reports them (causes as it chains them), told in HTTP terms. */
class TransportErrorsTest {
    private static final Target TARGET = Target.parse("https://api.example.com/v1");
    private static final HttpLimits LIMITS = HttpLimits.of(Grants.of(Map.of()));

    private static String message(Throwable failure) {
        return assertInstanceOf(ToolFailure.class, TransportErrors.of(failure, TARGET, LIMITS)).getMessage();
    }

    private static <T extends Throwable> T causedBy(T failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    @Test
    void aHostThatDoesNotResolve() {
        assertEquals("cannot connect to api.example.com:443: the host name does not resolve",
                message(causedBy(new ConnectException(), new UnresolvedAddressException())));
    }

    @Test
    void aRefusedConnection() {
        assertEquals("cannot connect to api.example.com:443: connection refused",
                message(causedBy(new ConnectException(), new ClosedChannelException())));
        assertEquals("cannot connect to api.example.com:443: connection refused",
                message(new ConnectException("Connection refused")));
        assertEquals("cannot connect to api.example.com:443: No route to host",
                message(new ConnectException("No route to host")));
    }

    @Test
    void aFailedTlsHandshake() {
        assertEquals("cannot connect to api.example.com:443: the TLS handshake failed (PKIX path building failed)",
                message(causedBy(new IOException(), new SSLHandshakeException("PKIX path building failed"))));
    }

    @Test
    void anythingElseNamesTheUrlAndTheFirstMessage() {
        assertEquals("the request to https://api.example.com/v1 failed: fixed content-length: 9, bytes received: 3",
                message(causedBy(new IOException("fixed content-length: 9, bytes received: 3"),
                        new EOFException("EOF reached while reading"))));
        assertEquals("the request to https://api.example.com/v1 failed: ClosedChannelException",
                message(new ClosedChannelException()));
    }

    @Test
    void aBodyOverTheLimitIsAPolicyViolation() {
        PolicyViolation refusal = assertInstanceOf(PolicyViolation.class,
                TransportErrors.of(new IOException(new BoundedBody.TooLarge()), TARGET, LIMITS));
        assertEquals("max_response_bytes", refusal.clause());
    }
}
