package dev.lumen.launcher;

import dev.lumen.runtime.host.Host;
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
 *
 * <p>A command the daemon runs for a client ({@link Invocation}) hears the client's Ctrl-C instead of a signal, and
 * cancels only its own runs; the client itself ends at another Ctrl-C, and the daemon goes on.
 */
final class CtrlC implements AutoCloseable {
    /** Why the run stops, as its error and the MCP servers it called are told. */
    static final String REASON = "interrupted (Ctrl-C)";
    private static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Signal INT = new Signal("INT");

    private final Runnable closeContext;
    /** Gives the interrupts back to whoever had them before. */
    private final AutoCloseable release;
    /** Whether another interrupt ends the process: a daemon's process is not the client's to end. */
    private final boolean ownsProcess;
    /** The client whose runs an interrupt cancels, or null for every run of the process. */
    private final Host host;
    /** When the first SIGINT came ({@link System#nanoTime}), or 0. */
    private volatile long first;

    private CtrlC(Runnable closeContext, Invocation invocation) {
        this.closeContext = closeContext;
        this.ownsProcess = invocation == null;
        this.host = invocation == null ? null : Host.current();
        if (invocation != null) {
            this.release = invocation.onInterrupt(this::interrupted);
            return;
        }
        SignalHandler replaced;
        try {
            replaced = Signal.handle(INT, signal -> interrupted());
        } catch (IllegalArgumentException e) {
            replaced = null; // the JVM does not let SIGINT be handled (it was ignored when the process started)
        }
        SignalHandler previous = replaced;
        this.release = () -> {
            if (previous != null) {
                Signal.handle(INT, previous);
            }
        };
    }

    /**
     * Handles SIGINT until closed.
     *
     * @param closeContext cancels by closing the polyglot context, when no run takes the cancellation
     */
    static CtrlC install(Runnable closeContext) {
        return new CtrlC(closeContext, null);
    }

    /** Handles the interrupts of {@code invocation}'s client until closed. */
    static CtrlC install(Runnable closeContext, Invocation invocation) {
        return new CtrlC(closeContext, invocation);
    }

    private void interrupted() {
        long now = System.nanoTime();
        if (first == 0) {
            first = now == 0 ? 1 : now;
            boolean taken = host == null ? RunInterrupts.cancelAll(REASON) : RunInterrupts.cancelFor(host, REASON);
            if (!taken) {
                Thread.ofPlatform().daemon().name("lumen-cancel").start(closeContext); // closing waits for the run
            }
        } else if (ownsProcess && now - first > REPEAT_NANOS) {
            Thread.ofPlatform().name("lumen-exit").start(() -> System.exit(ExitCodes.INTERRUPTED));
        }
    }

    /** Whether a SIGINT came. */
    boolean came() {
        return first != 0;
    }

    /** Gives SIGINT back to the handler it had, or stops hearing the client. */
    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException(e); // neither release throws
        }
    }
}
