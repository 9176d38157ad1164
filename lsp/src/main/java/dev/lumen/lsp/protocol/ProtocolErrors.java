package dev.lumen.lsp.protocol;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * The protocol boundary's error handling: what the client is told when a request fails. It gets a short message
 * and a JSON-RPC error code, never a stack trace or an exception's fields: lsp4j puts a failure's stack trace in
 * an error's {@code data}, and {@link #sanitizing} removes any {@code data} on the way out.
 */
public final class ProtocolErrors {
    private ProtocolErrors() {
    }

    /** The error response for a request that failed with {@code failure}; an unexpected one is logged. */
    public static Function<Throwable, ResponseError> handler(ServerLog log) {
        return failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof ResponseErrorException e) {
                ResponseError error = e.getResponseError();
                return new ResponseError(error.getCode(), error.getMessage(), null);
            }
            if (cause instanceof UnsupportedOperationException) {
                return new ResponseError(ResponseErrorCode.MethodNotFound,
                        "the Lumen language server does not support this request", null);
            }
            log.failure("a request", cause);
            return internal();
        };
    }

    /** The answer to a request the server could not handle: a message that points at its log. */
    public static ResponseError internal() {
        return new ResponseError(ResponseErrorCode.InternalError,
                "internal error in the Lumen language server (its log has a line about it)", null);
    }

    /** Passes messages on to {@code next}, an error response without its {@code data}. */
    public static MessageConsumer sanitizing(MessageConsumer next) {
        return message -> {
            if (message instanceof ResponseMessage response && response.getError() != null
                    && response.getError().getData() != null) {
                ResponseError error = response.getError();
                response.setError(new ResponseError(error.getCode(), error.getMessage(), null));
            }
            next.consume(message);
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
