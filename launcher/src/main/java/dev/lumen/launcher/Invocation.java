package dev.lumen.launcher;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.graalvm.polyglot.Engine;

/**
 * The client process a command runs for, when that is not this JVM's own process: the daemon (docs/spec/daemon.md)
 * runs each client's command line with one. Whatever a command would learn from its process it learns here
 * instead: whether standard error is a terminal, and Ctrl-C, which reaches the daemon as a message. (The working
 * directory, environment and standard streams are the runtime's {@code Host}.) The runs also share the daemon's
 * polyglot engine, whose compiler is warm.
 *
 * <p>It is bound to the thread that runs the command and inherited by the threads the command starts.
 */
public final class Invocation {
    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    private final Engine engine;
    private final boolean stderrIsTerminal;
    private final List<Runnable> interruptHandlers = new CopyOnWriteArrayList<>();
    private volatile boolean interrupted;

    /**
     * @param engine the engine runs share when they need no engine options of their own
     * @param stderrIsTerminal whether the client's standard error is a terminal
     */
    public Invocation(Engine engine, boolean stderrIsTerminal) {
        this.engine = engine;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** The invocation the current thread runs a command for, or null when it runs for this process. */
    static Invocation current() {
        return CURRENT.get();
    }

    /** Runs the command line {@code args} for this invocation, as {@link Main#execute} does for this process. */
    public int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        Invocation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return Main.execute(out, err, args);
        } finally {
            CURRENT.set(previous);
        }
    }

    Engine engine() {
        return engine;
    }

    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** The client's Ctrl-C, or the client gone: whatever runs is cancelled as a SIGINT cancels a run. */
    public void interrupt() {
        interrupted = true;
        for (Runnable handler : interruptHandlers) {
            handler.run();
        }
    }

    /** Whether the client interrupted the command. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Calls {@code handler} on each {@link #interrupt} until the returned registration is closed. */
    AutoCloseable onInterrupt(Runnable handler) {
        interruptHandlers.add(handler);
        return () -> interruptHandlers.remove(handler);
    }
}
