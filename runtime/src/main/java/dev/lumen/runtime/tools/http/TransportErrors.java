package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** What an exchange that failed tells the program: the cause in HTTP terms, without the JDK's exception chain. */
final class TransportErrors {
    private TransportErrors() {
    }

    /**
     * The error for an exchange with {@code target} that failed with {@code failure}: a PolicyViolation for a body
     * over the limit, otherwise a ToolFailure that names the host or URL and the cause.
     */
    static RuntimeException of(Throwable failure, Target target, HttpLimits limits) {
        String where = target.host().inUrl() + ":" + target.port();
        if (has(failure, BoundedBody.TooLarge.class)) {
            return new PolicyViolation("max_response_bytes", "the response body from " + target
                    + " is longer than " + limits.size() + "; the read stopped there");
        }
        if (has(failure, UnresolvedAddressException.class)) {
            return new ToolFailure("cannot connect to " + where + ": the host name does not resolve");
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new ToolFailure("cannot connect to " + where + ": the TLS handshake failed (" + message(tls) + ")");
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String why = refused.getMessage();
            return new ToolFailure("cannot connect to " + where + ": "
                    + (why == null || why.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : why));
        }
        return new ToolFailure("the request to " + target + " failed: " + message(failure));
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first message along the causes; the exception's name when none has one. */
    private static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
