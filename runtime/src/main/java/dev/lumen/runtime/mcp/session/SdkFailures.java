package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpException;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Turns what the SDK fails a request with into an {@link McpException} whose message names the server, the
 * request and the cause, without Java class names or stack traces (mcp-bridge-v1.md §6).
 */
final class SdkFailures {
    /** What the SDK's {@code initialize} fails with when the server picks a revision the client did not offer. */
    private static final String UNSUPPORTED_VERSION = "Unsupported protocol version from the server: ";

    private SdkFailures() {
    }

    static McpException explain(String label, String what, Throwable failure) {
        if (failure instanceof McpException known) {
            return known;
        }
        // The SDK wraps the server's JSON-RPC error when it fails a request: look down the chain.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof McpError error && error.getJsonRpcError() != null) {
                return answer(label, what, error.getJsonRpcError());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof McpHttpClientTransportAuthorizationException refused) {
                // the authorization handler asked for every retry the transport allows (mcp-bridge-v1.md §11.4)
                return new McpException(label + ": " + what + " was refused (HTTP "
                        + refused.getResponseInfo().statusCode() + ") however often Lumen authorized");
            }
        }
        Throwable root = McpError.findRootCause(failure);
        if (root instanceof McpException known) {
            return known;
        }
        return new McpException(label + ": " + what + " failed: " + describe(failure, root));
    }

    private static McpException answer(String label, String what, McpSchema.JSONRPCResponse.JSONRPCError error) {
        if (error.data() instanceof String data && data.startsWith(UNSUPPORTED_VERSION)) {
            // The SDK has not finished the handshake; the caller closes the session (disconnects).
            return new McpException(label + " answered with protocol revision `"
                    + data.substring(UNSUPPORTED_VERSION.length()) + "`, which Lumen does not speak: it asked for "
                    + Revisions.latest() + " and speaks " + Revisions.spokenText());
        }
        String text = (error.message() == null || error.message().isBlank() ? "no message" : error.message())
                + " (JSON-RPC error " + error.code() + ")";
        return new SessionMcpServer.ServerAnswer(label + " refused " + what + ": " + text, text);
    }

    private static String describe(Throwable failure, Throwable root) {
        // The HTTP client wraps a refused connection in exceptions of its own: look down the whole chain.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "the connection timed out";
            }
            if (cause instanceof ConnectException) {
                return "the connection was refused";
            }
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "the connection failed" : message;
    }
}
