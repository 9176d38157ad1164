package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a debugger protocol client receives: answers to its requests, matched by their number, and events, kept
 * in order until a test waits for one (DevTools' and the Debug Adapter Protocol's messages alike). Every wait is
 * bounded by {@link DebuggedRun#PATIENCE}.
 */
final class ProtocolInbox {
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Function<JsonNode, String> eventName;

    /** {@code eventName} reads the name of an event message ({@code method} in DevTools, {@code event} in DAP). */
    ProtocolInbox(Function<JsonNode, String> eventName) {
        this.eventName = eventName;
    }

    /** Registers request {@code number} before it is sent; its answer completes the future. */
    CompletableFuture<JsonNode> expect(int number) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(number, answer);
        return answer;
    }

    /** Files a message: the answer to request {@code answers} if one waits for it, else an event. */
    void received(JsonNode message, int answers) {
        CompletableFuture<JsonNode> answer = pending.remove(answers);
        if (answer != null) {
            answer.complete(message);
        } else {
            events.add(message);
        }
    }

    /** The answer to {@code request}. */
    static JsonNode await(CompletableFuture<JsonNode> answer, String request) throws InterruptedException {
        try {
            return answer.get(DebuggedRun.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + request + " within " + DebuggedRun.PATIENCE.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError(request + " was not answered", e.getCause());
        }
    }

    /** The next event {@code name} (the whole message) that satisfies {@code test}; other events are passed over. */
    JsonNode awaitEvent(String name, Predicate<JsonNode> test) throws InterruptedException {
        long deadline = System.nanoTime() + DebuggedRun.PATIENCE.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("no " + name + " event within " + DebuggedRun.PATIENCE.toSeconds() + " s; events seen: " + seen());
            }
            String actual = eventName.apply(event);
            synchronized (seen) {
                seen.add(actual);
            }
            if (actual.equals(name) && test.test(event)) {
                return event;
            }
        }
    }

    private List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
