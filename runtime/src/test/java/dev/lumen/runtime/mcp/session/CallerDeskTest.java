package dev.lumen.runtime.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.mcp.McpException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Several threads waiting on one session at once (the calls of a `@parallel` block), each for its own answer. */
@Timeout(20)
class CallerDeskTest {
    private static final long TIMEOUT_MS = 10_000;

    /** Waits on {@code desk} for {@code answer} on a thread of its own. */
    private static CompletableFuture<String> waitFor(CallerDesk desk, Mono<String> answer,
            CompletableFuture<Throwable> broken) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(desk.await(answer, broken, TIMEOUT_MS));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void eachWaitEndsWithItsOwnAnswerWhateverTheOrderTheyCome() throws Exception {
        CallerDesk desk = new CallerDesk();
        CompletableFuture<Throwable> broken = new CompletableFuture<>();
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();
        CompletableFuture<String> a = waitFor(desk, first.asMono(), broken);
        CompletableFuture<String> b = waitFor(desk, second.asMono(), broken);
        Thread.sleep(100); // both are waiting
        long started = System.nanoTime();
        second.tryEmitValue("second");
        assertEquals("second", b.get(2, TimeUnit.SECONDS));
        first.tryEmitValue("first");
        assertEquals("first", a.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "no wait ran into its timeout");
    }

    @Test
    void aFailureOfTheSessionEndsEveryWait() throws Exception {
        CallerDesk desk = new CallerDesk();
        CompletableFuture<Throwable> broken = new CompletableFuture<>();
        CompletableFuture<String> a = waitFor(desk, Sinks.<String>one().asMono(), broken);
        CompletableFuture<String> b = waitFor(desk, Sinks.<String>one().asMono(), broken);
        Thread.sleep(100);
        desk.failWaiting(new McpException("the stream was lost"));
        for (CompletableFuture<String> wait : java.util.List.of(a, b)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> wait.get(2, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ExecutionException, String.valueOf(e.getCause()));
            assertEquals("the stream was lost", e.getCause().getCause().getMessage());
        }
    }
}
