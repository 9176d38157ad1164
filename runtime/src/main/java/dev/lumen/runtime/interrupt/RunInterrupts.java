package dev.lumen.runtime.interrupt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of this process that an interrupt of the process cancels (Ctrl-C, run.md §5). It is the process's, as
 * the signal is: each polyglot context running Lumen registers how to cancel its run in progress, and the
 * launcher's signal handler asks them all.
 */
public final class RunInterrupts {
    private static final Set<Canceller> CANCELLERS = ConcurrentHashMap.newKeySet();

    private RunInterrupts() {
    }

    /** How one context cancels its run in progress. */
    @FunctionalInterface
    public interface Canceller {
        /**
         * Asks the run in progress, if any, to stop; called from any thread, it returns at once.
         *
         * @return whether a run was in progress and took the request
         */
        boolean cancel(String reason);
    }

    /** Undoes a {@link #register}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes {@code canceller} one that {@link #cancelAll} asks, until the returned registration is closed. */
    public static Registration register(Canceller canceller) {
        CANCELLERS.add(canceller);
        return () -> CANCELLERS.remove(canceller);
    }

    /**
     * Asks every registered context to cancel its run in progress, for {@code reason} ({@code interrupted
     * (Ctrl-C)}).
     *
     * @return whether some run was in progress and took the request
     */
    public static boolean cancelAll(String reason) {
        boolean taken = false;
        for (Canceller canceller : CANCELLERS) {
            taken |= canceller.cancel(reason);
        }
        return taken;
    }
}
