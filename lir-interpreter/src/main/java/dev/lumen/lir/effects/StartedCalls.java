package dev.lumen.lir.effects;

import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The tool calls TOOLSTART started and AWAIT has not taken yet, in the order started (lir-v1.md, `@parallel` in
 * lumen-v1.md). Each call runs on a virtual thread of its own, or on the run thread when it must take its turn
 * (a replay, a fixture); what it would write to the store (trace events, cache entries) is held back and
 * written, call by call in the order started, once all of them have ended: whatever order they end in, the
 * trace is the one the same calls made one after the other would give. A call that repeats one started earlier
 * in its group (the same key) is not started at all until the earlier calls' writes are done: made one after the
 * other, it would be answered by what they wrote (the cache, the run's own answers), and so it is. The calls count
 * against their grants' rate limits in the order started ({@link #inTurn}), so the call a full window refuses is
 * the one it would refuse made in turn.
 *
 * @param <T> what a call gives
 */
final class StartedCalls<T> {
    /** The writes held back for the call the current thread performs, or null outside such a call. */
    private static final ThreadLocal<List<Runnable>> HELD = new ThreadLocal<>();
    /** Set on the virtual thread a started call runs on. */
    private static final ThreadLocal<Boolean> BESIDE = new ThreadLocal<>();
    /** The call the current thread performs, or null outside one. */
    private static final ThreadLocal<Call<?>> PERFORMING = new ThreadLocal<>();

    private final ArrayDeque<Call<T>> calls = new ArrayDeque<>();
    /** Whether the calls left have all ended and their writes are done: AWAIT only takes their outputs. */
    private boolean written;

    private static final class Call<T> {
        final List<Runnable> writes = new ArrayList<>();
        final String key;
        /** The call, when it waits to be made after the group's earlier calls have written theirs; else null. */
        Supplier<T> deferred;
        /** Opened once this call has counted against its limits, or will not: the next call may count. */
        final CountDownLatch counted = new CountDownLatch(1);
        /** The call started before this one in its group, or null. */
        final Call<?> before;
        Thread thread;
        T output;
        RuntimeException failure;

        Call(String key, Call<?> before) {
            this.key = key;
            this.before = before;
        }

        void perform(Supplier<T> call) {
            HELD.set(writes);
            PERFORMING.set(this);
            try {
                output = call.get();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                counted.countDown();
                PERFORMING.remove();
                HELD.remove();
            }
        }
    }

    /**
     * Runs {@code count} (a call counting against its grant's limits) once the calls started before the current
     * one have counted, or now outside a started call.
     */
    static void inTurn(Runnable count) {
        Call<?> call = PERFORMING.get();
        if (call == null) {
            count.run();
            return;
        }
        try {
            if (call.before != null) {
                call.before.counted.await();
            }
            count.run();
        } catch (InterruptedException e) { // a cancellation: the call is not counted, and is cancelled
            Thread.currentThread().interrupt();
            throw new LumenFailure(LumenException.Kind.CANCELLED, "cancelled before it was made");
        } finally {
            call.counted.countDown();
        }
    }

    /** Holds {@code write} back when the current thread performs a started call; returns whether it did. */
    static boolean holdBack(Runnable write) {
        List<Runnable> held = HELD.get();
        if (held == null) {
            return false;
        }
        held.add(write);
        return true;
    }

    /** Whether the current thread is one a started call runs on beside the run (not the run thread). */
    static boolean beside() {
        return BESIDE.get() != null;
    }

    /**
     * Starts {@code call}, beside the run ({@code beside}) or now, on this thread; or, when an earlier call of the
     * group has the same {@code key} (null: none), on this thread once the earlier calls have written theirs.
     */
    void start(String key, Supplier<T> call, boolean beside) {
        Call<T> started = new Call<>(key, calls.peekLast());
        boolean repeats = key != null && calls.stream().anyMatch(c -> key.equals(c.key));
        calls.add(started);
        if (repeats) {
            started.deferred = call;
            started.counted.countDown(); // it counts when it is made, after the group: the calls after it need not wait
        } else if (beside) {
            started.thread = Thread.ofVirtual().name("lumen-parallel-", calls.size()).start(() -> {
                BESIDE.set(true);
                started.perform(call);
            });
        } else {
            started.perform(call);
        }
    }

    /**
     * The output of the earliest call not taken yet. The first of a group waits for every call started, then
     * hands their held-back writes to {@code write} in the order started; a call that failed throws its failure
     * when it is taken (the calls after it are dropped), so the error is located at its own AWAIT;
     * {@code waiting} runs the wait (so that a cancellation can end it).
     */
    T next(Consumer<Runnable> write, Consumer<Runnable> waiting) {
        if (calls.isEmpty()) { // the verifier refuses such a module (CallGroups); a host that skips it gets this
            throw new LumenFailure("AWAIT with no call started by TOOLSTART before it: the module is malformed");
        }
        if (!written) {
            waiting.accept(this::awaitAll);
            written = true;
            try {
                for (Call<T> call : calls) {
                    if (call.deferred != null) { // made now, after the writes of the calls before it
                        call.perform(call.deferred);
                    }
                    call.writes.forEach(write);
                }
            } catch (RuntimeException e) {
                calls.clear();
                written = false;
                throw e;
            }
        }
        Call<T> call = calls.poll();
        if (call.failure != null) {
            calls.clear();
        }
        if (calls.isEmpty()) {
            written = false;
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.output;
    }

    /** Waits for every started call; an interrupt of the waiting thread (a cancellation) interrupts them all. */
    private void awaitAll() {
        boolean interrupted = false;
        for (Call<T> call : calls) {
            while (call.thread != null && call.thread.isAlive()) {
                try {
                    call.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    calls.forEach(c -> {
                        if (c.thread != null) {
                            c.thread.interrupt();
                        }
                    });
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
