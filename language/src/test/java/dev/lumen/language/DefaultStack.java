package dev.lumen.language;

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
        try {
            return FrontEndStack.onThread("default-stack", bytes, work);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("failed on a stack of " + (bytes == 0 ? "the default size" : bytes + " bytes"), e);
        }
    }
}
