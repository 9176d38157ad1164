package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Where a request that the server sends while the client waits for one of its own is handed to the waiting
 * thread: a sampling request is answered by a call the program's own thread makes (the run's trace, cache and
 * limits are that thread's), while the request the program made is still open. A request may also end the
 * wait, failing the request the program made (an elicitation the grant fails).
 */
final class CallerDesk {
    /** Queued when the awaited answer arrives, to end the wait. */
    private static final Job WAKE = new Job(() -> { }, () -> { });

    private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();
    /** The answer the caller waits for, or null when nobody waits. */
    private volatile CompletableFuture<?> waiting;
    /** The failure that ends the wait once the answer being given now has gone out, or null. */
    private volatile McpException pendingFailure;

    /** A piece of work for the waiting thread, and what to do instead when nobody will do it. */
    private record Job(Runnable run, Runnable refuse) {
    }

    /**
     * Has {@code job} done by the thread that waits for an answer, and completes with its result; completes
     * at once with {@code refused(reason)} when no thread waits.
     */
    <R> CompletableFuture<R> onCaller(Callable<R> job, Function<String, RuntimeException> refused) {
        CompletableFuture<R> done = new CompletableFuture<>();
        if (waiting == null) {
            done.completeExceptionally(refused.apply("it came while no tool of the server was being called"));
            return done;
        }
        work.offer(new Job(() -> {
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

    /** Fails the answer being waited for, if any, with {@code failure} now: the caller stops waiting. */
    void failWaiting(McpException failure) {
        CompletableFuture<?> w = waiting;
        if (w != null) {
            w.completeExceptionally(failure);
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
    <T> T await(Mono<T> request, CompletableFuture<? extends Throwable> broken, long timeoutMillis, LongSupplier paused)
            throws TimeoutException, ExecutionException, InterruptedException {
        refuseLeftovers();
        CompletableFuture<T> answer = new CompletableFuture<>();
        answer.whenComplete((result, failure) -> work.offer(WAKE));
        waiting = answer;
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
                Job job = work.poll(left, TimeUnit.NANOSECONDS);
                if (job != null) {
                    job.run().run();
                }
            }
            return answer.get();
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } finally {
            waiting = null;
            refuseLeftovers();
        }
    }

    private void refuseLeftovers() {
        for (Job job; (job = work.poll()) != null; ) {
            job.refuse().run();
        }
    }
}
