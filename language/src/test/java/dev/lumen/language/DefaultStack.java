package dev.lumen.language;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Runs work on a new thread with the JVM's default stack size, as a launcher's main thread has, or another. */
public final class DefaultStack {
    private DefaultStack() {
    }

    public static <T> T run(Supplier<T> work) {
        return run(0, work);
    }

    /** Runs work on a new thread with a stack of {@code bytes} (0: the JVM's default). */
    public static <T> T run(long bytes, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "default-stack", bytes);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("failed on a default-sized stack", failure.get());
        }
        return result.get();
    }
}
