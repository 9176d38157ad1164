package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpException;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Where a request that the server sends while the client waits for one of its own is handed to the waiting
 * thread: a sampling request is answered by a call the thread that made the request makes (the run thread, or
 * the thread of a `@parallel` call, whose trace writes are that call's), while that request is still open. A request may also end the
 * wait, failing the request the program made (an elicitation the grant fails).
 */
final class CallerDesk {
    /** Queued when the awaited answer arrives, to end the wait. */
    private static final Job WAKE = new Job(() -> { }, () -> { });

    /**
     * The waits in progress, oldest first. Calls that overlap wait side by side; the server's requests that a
     * waiting thread answers go to the oldest, which is the only one whenever the server may ask the client
     * anything (McpCalls then has the calls take turns, so that each request is the call's it came with).
     */
    private final Deque<Wait> waits = new ConcurrentLinkedDeque<>();
    /** The failure that ends the wait once the answer being given now has gone out, or null. */
    private volatile McpException pendingFailure;

    /** A piece of work for the waiting thread, and what to do instead when nobody will do it. */
    private record Job(Runnable run, Runnable refuse) {
    }

    /** One thread's wait for an answer: the answer, and the work handed to that thread meanwhile. */
    private static final class Wait {
        final BlockingQueue<Job> work = new LinkedBlockingQueue<>();
        final CompletableFuture<Object> answer = new CompletableFuture<>();

        void refuseLeftovers() {
            for (Job job; (job = work.poll()) != null; ) {
                job.refuse().run();
            }
        }
    }

    /**
     * Has {@code job} done by the thread that waits for an answer, and completes with its result; completes
     * at once with {@code refused(reason)} when no thread waits.
     */
    <R> CompletableFuture<R> onCaller(Callable<R> job, Function<String, RuntimeException> refused) {
        CompletableFuture<R> done = new CompletableFuture<>();
        Wait wait = waits.peekFirst();
        if (wait == null) {
            done.completeExceptionally(refused.apply("it came while no tool of the server was being called"));
            return done;
        }
        wait.work.offer(new Job(() -> {
            try {
                done.complete(job.call());
            } catch (RuntimeException e) {
                done.completeExceptionally(refused.apply("answering it failed"));
                throw e; // the program's own failure (a refused model call) stops the program
            } catch (Exception e) { // the job's own refusal, which says why
                done.completeExceptionally(refused.apply(e.getMessage()));
            }
        }, () -> done.completeExceptionally(refused.apply("the request it came with had ended"))));
        return done;
    }

    /**
     * Fails every answer being waited for with {@code failure} now: the callers stop waiting. (What fails a
     * session — a lost stream that cannot be resumed — cannot tell which of several calls it was serving.)
     */
    void failWaiting(McpException failure) {
        for (Wait wait : waits) {
            wait.answer.completeExceptionally(failure);
        }
    }

    /**
     * Fails the answer being waited for, if any, with {@code failure} once the client's answer to the server's
     * request now being answered has gone out ({@link #answered}), so that the failed call's record holds it.
     */
    void failWaitingAfterAnswer(McpException failure) {
        pendingFailure = failure;
    }

    /** The client has answered a request of the server: a failure waiting for that answer now ends the wait. */
    void answered() {
        McpException failure = pendingFailure;
        pendingFailure = null;
        if (failure != null) {
            failWaiting(failure);
        }
    }

    /**
     * Sends {@code request} and waits for its answer for at most {@code timeoutMillis}, or until {@code broken}
     * completes, doing the work handed over meanwhile. The caller is waiting from before the request goes out,
     * so that a request the server sends in return finds it waiting.
     *
     * @throws TimeoutException     when there is no answer in time (the request is then abandoned)
     * @throws ExecutionException   when the answer is a failure
     * @throws InterruptedException when the thread is interrupted (the request is then abandoned)
     */
    <T> T await(Mono<T> request, CompletableFuture<? extends Throwable> broken, long timeoutMillis)
            throws TimeoutException, ExecutionException, InterruptedException {
        return await(request, broken, timeoutMillis, () -> 0);
    }

    /**
     * As {@link #await(Mono, CompletableFuture, long)}, with the time {@code paused} counts (nanoseconds, growing)
     * left out of the timeout: the time the client spends authorizing itself, waiting for its user.
     */
    @SuppressWarnings("unchecked") // the answer is completed with the request's own result only
    <T> T await(Mono<T> request, CompletableFuture<? extends Throwable> broken, long timeoutMillis, LongSupplier paused)
            throws TimeoutException, ExecutionException, InterruptedException {
        Wait wait = new Wait();
        CompletableFuture<Object> answer = wait.answer;
        answer.whenComplete((result, failure) -> wait.work.offer(WAKE));
        waits.addLast(wait);
        CompletableFuture<T> sent = request.toFuture();
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        });
        broken.whenComplete((cause, unused) -> answer.completeExceptionally(cause));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pausedBefore = paused.getAsLong();
        try {
            while (!answer.isDone()) {
                long left = deadline + (paused.getAsLong() - pausedBefore) - System.nanoTime();
                if (left <= 0) {
                    sent.cancel(true);
                    throw new TimeoutException();
                }
                Job job = wait.work.poll(left, TimeUnit.NANOSECONDS);
                if (job != null) {
                    job.run().run();
                }
            }
            return (T) answer.get();
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } finally {
            waits.remove(wait);
            wait.refuseLeftovers();
        }
    }
}
