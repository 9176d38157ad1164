package dev.lumen.lsp.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * Where the protocol calls into the features: every request and notification goes through here, so that a
 * failure in a feature (a bug, a document that breaks an assumption, even a stack overflow or running out of
 * memory) becomes an empty answer and a line in the log, and the server carries on.
 */
public final class Boundary {
    private final ServerLog log;

    public Boundary(ServerLog log) {
        this.log = log;
    }

    /**
     * Answers request {@code method} with {@code body}'s result, computed on {@code executor}; {@code empty} if it
     * fails. A {@link ResponseErrorException} (a request the server refuses, with a message for the user) is the
     * answer as it is.
     */
    public <T> CompletableFuture<T> request(String method, Executor executor, Supplier<T> body, T empty) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (answer.isDone()) {
                    return; // cancelled while it waited
                }
                try {
                    answer.complete(body.get());
                } catch (ResponseErrorException e) {
                    answer.completeExceptionally(e);
                } catch (Throwable t) {
                    log.failure(method, t);
                    answer.complete(empty);
                }
            });
        } catch (RuntimeException e) { // the executor was shut down
            answer.complete(empty);
        }
        return answer;
    }

    /**
     * Answers request {@code method} with the future {@code start} returns, started on the calling thread, so
     * that the client's cancelling it reaches whoever completes it; an InternalError response if starting fails
     * (a command has no empty answer to give).
     */
    public <T> CompletableFuture<T> started(String method, Supplier<CompletableFuture<T>> start) {
        try {
            return start.get();
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (Throwable t) {
            log.failure(method, t);
            return CompletableFuture.failedFuture(new ResponseErrorException(ProtocolErrors.internal()));
        }
    }

    /** Handles notification {@code method} with {@code body} on the calling thread; a failure is logged. */
    public void notification(String method, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            log.failure(method, t);
        }
    }

    /** Runs {@code body} on {@code executor}; a failure is logged. */
    public void later(String what, Executor executor, Runnable body) {
        try {
            executor.execute(() -> notification(what, body));
        } catch (RuntimeException e) { // the executor was shut down
            log.info("dropped " + what + ": the server is shutting down");
        }
    }
}
