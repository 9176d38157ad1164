package dev.lumen.language;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The stack the front end runs on. Its passes recurse over the syntax tree, and code nested up to the nesting
 * limit (lumen-v1.md §4.7) takes more of a default 1 MB stack than is safe, more or less depending on which of
 * their methods the JVM has compiled yet. So each entry point runs its work on a thread of its own with a stack
 * large enough for the limit with a wide margin, whatever stack its caller has (a launcher's main thread, an
 * editor's request thread, a host application's pool).
 */
public final class FrontEndStack {
    /**
     * The stack size of a thread that runs the front end; reserved, not committed: the pages a shallow document
     * does not touch cost nothing. Public for hosts that run it on threads of their own (a language server).
     */
    public static final long STACK_BYTES = 64L << 20;

    private FrontEndStack() {
    }

    /** Runs {@code work} on a front-end stack and returns its result; what it throws is thrown here. */
    public static <T> T call(Supplier<T> work) {
        return onThread("lumen-front-end", STACK_BYTES, work);
    }

    /**
     * Runs {@code work} on a new thread named {@code name} with a stack of {@code bytes} (0: the JVM's default),
     * waits for it, and returns its result; what it throws is thrown here.
     */
    public static <T> T onThread(String name, long bytes, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name, bytes);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;     // the work is short and pure: finish it, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
