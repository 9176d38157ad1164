package dev.lumen.launcher;

import dev.lumen.runtime.interrupt.RunInterrupts;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) while {@code lumen run} runs (run.md §5). The first cancels the run in progress: its tool call in
 * flight is ended (an MCP server is sent {@code notifications/cancelled}), the program stops at its next safepoint,
 * its trace records the cancellation and is closed, and the command exits with status 130. When no run has
 * started yet (the document is being compiled), the context is closed instead. Another SIGINT, once half a second
 * has passed (bin/lumen passes on a Ctrl-C the terminal also sent to the JVM), ends the process at once.
 */
final class CtrlC implements AutoCloseable {
    /** Why the run stops, as its error and the MCP servers it called are told. */
    static final String REASON = "interrupted (Ctrl-C)";
    private static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Signal INT = new Signal("INT");

    private final Runnable closeContext;
    private final SignalHandler previous;
    /** When the first SIGINT came ({@link System#nanoTime}), or 0. */
    private volatile long first;

    private CtrlC(Runnable closeContext) {
        this.closeContext = closeContext;
        SignalHandler replaced;
        try {
            replaced = Signal.handle(INT, this::interrupted);
        } catch (IllegalArgumentException e) {
            replaced = null; // the JVM does not let SIGINT be handled (it was ignored when the process started)
        }
        this.previous = replaced;
    }

    /**
     * Handles SIGINT until closed.
     *
     * @param closeContext cancels by closing the polyglot context, when no run takes the cancellation
     */
    static CtrlC install(Runnable closeContext) {
        return new CtrlC(closeContext);
    }

    private void interrupted(Signal signal) {
        long now = System.nanoTime();
        if (first == 0) {
            first = now == 0 ? 1 : now;
            if (!RunInterrupts.cancelAll(REASON)) {
                Thread.ofPlatform().daemon().name("lumen-cancel").start(closeContext); // closing waits for the run
            }
        } else if (now - first > REPEAT_NANOS) {
            Thread.ofPlatform().name("lumen-exit").start(() -> System.exit(ExitCodes.INTERRUPTED));
        }
    }

    /** Whether a SIGINT came. */
    boolean came() {
        return first != 0;
    }

    /** Gives SIGINT back to the handler it had. */
    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
