package dev.lumen.lsp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.junit.jupiter.api.Test;

/** A failure inside the server becomes an empty answer or a short error, and one line in its log. */
class ProtocolBoundaryTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ServerLog log = new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final Boundary boundary = new Boundary(log);

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestThatFailsGetsTheEmptyAnswerAndALogLine() {
        CompletableFuture<List<String>> answer = boundary.request("textDocument/documentSymbol", Runnable::run, () -> {
            throw new IllegalStateException("a bug");
        }, List.of());
        assertEquals(List.of(), answer.join());
        assertTrue(log().startsWith("lumen lsp: internal error in textDocument/documentSymbol: "
                + "java.lang.IllegalStateException: a bug at ProtocolBoundaryTest.java:"), log());
        assertEquals(1, log().lines().count(), "one line, no stack trace");
    }

    @Test
    void evenAStackOverflowIsAnEmptyAnswer() {
        CompletableFuture<String> answer = boundary.request("x", Runnable::run, () -> {
            throw new StackOverflowError();
        }, "empty");
        assertEquals("empty", answer.join());
    }

    @Test
    void aRefusalIsTheAnswerAsItIs() {
        ResponseErrorException refusal = new ResponseErrorException(
                new ResponseError(ResponseErrorCode.InvalidParams, "no such command", null));
        CompletableFuture<Object> answer = boundary.started("workspace/executeCommand", () -> {
            throw refusal;
        });
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answer::get);
        assertEquals(refusal, e.getCause());
        assertEquals("", log());
    }

    @Test
    void aCommandThatFailsToStartIsAnInternalError() {
        CompletableFuture<Object> answer = boundary.started("workspace/executeCommand", () -> {
            throw new NullPointerException();
        });
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, answer::join);
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InternalError.getValue(), error.getResponseError().getCode());
        assertNull(error.getResponseError().getData());
    }

    @Test
    void theErrorHandlerSaysLittleAndLogsTheRest() {
        var handler = ProtocolErrors.handler(log);
        ResponseError internal = handler.apply(new CompletionException(new IllegalArgumentException("deep")));
        assertEquals(ResponseErrorCode.InternalError.getValue(), internal.getCode());
        assertFalse(internal.getMessage().contains("IllegalArgument"), internal.getMessage());
        assertNull(internal.getData());
        assertTrue(log().contains("IllegalArgumentException: deep"), log());
        ResponseError unsupported = handler.apply(new UnsupportedOperationException());
        assertEquals(ResponseErrorCode.MethodNotFound.getValue(), unsupported.getCode());
    }

    @Test
    void noErrorResponseLeavesWithData() {
        List<Message> sent = new ArrayList<>();
        ResponseMessage response = new ResponseMessage();
        response.setId("1");
        response.setError(new ResponseError(ResponseErrorCode.InternalError, "Internal error.",
                "java.lang.RuntimeException\n\tat dev.lumen.Some.where(Some.java:1)"));
        ProtocolErrors.sanitizing(sent::add).consume(response);
        ResponseMessage out = (ResponseMessage) sent.getFirst();
        assertNull(out.getError().getData());
        assertEquals("Internal error.", out.getError().getMessage());
    }
}
