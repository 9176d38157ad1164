package dev.lumen.runtime.progress;

import java.util.Objects;

/**
 * Where the tool calls of this process show that they are in progress: the launcher's status line on a terminal
 * (run.md §5), or nowhere, the default. It is the process's, as its terminal is; a run reports each call it
 * performs ({@link #start}), and the display decides what, if anything, to show of it.
 */
public final class ToolProgress {
    /** A call that nothing shows. */
    private static final Call UNSHOWN = new Call() {
        @Override
        public void progressed(double progress, Double total, String message) {
        }

        @Override
        public void close() {
        }
    };
    private static final Display NOWHERE = what -> UNSHOWN;

    private static volatile Display display = NOWHERE;

    private ToolProgress() {
    }

    /** What shows the calls in progress. */
    @FunctionalInterface
    public interface Display {
        /** A call has started; {@code what} names it as errors do (`` `Fetch` (http.get) ``). */
        Call started(String what);
    }

    /** One call in progress: told how it is going, and closed when it ends, however it ends. */
    public interface Call extends ProgressListener, AutoCloseable {
        @Override
        void close();
    }

    /** Reports a call that starts now. */
    public static Call start(String what) {
        return display.started(what);
    }

    /** Undoes a {@link #showWith}. */
    @FunctionalInterface
    public interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Shows the calls that start from now on with {@code shown}, until the returned handle is closed, which
     * restores the display there was before.
     */
    public static Shown showWith(Display shown) {
        Objects.requireNonNull(shown, "shown");
        Display before = display;
        display = shown;
        return () -> display = before;
    }
}
