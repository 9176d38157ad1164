package dev.lumen.runtime.interrupt;

import dev.lumen.runtime.host.Host;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of this process that an interrupt of the process cancels (Ctrl-C, run.md §5). It is the process's, as
 * the signal is: each polyglot context running Lumen registers how to cancel its run in progress, and the
 * launcher's signal handler asks them all. A daemon running the commands of many clients asks only those of the
 * client that pressed Ctrl-C: each registration remembers the {@link Host} it was made for.
 */
public final class RunInterrupts {
    private static final Set<Registered> CANCELLERS = ConcurrentHashMap.newKeySet();

    /** One registration (equal only to itself: a canceller may be registered twice). */
    private static final class Registered {
        private final Canceller canceller;
        private final Host host;

        Registered(Canceller canceller, Host host) {
            this.canceller = canceller;
            this.host = host;
        }

        Canceller canceller() {
            return canceller;
        }

        Host host() {
            return host;
        }
    }

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
        Registered registered = new Registered(canceller, Host.current());
        CANCELLERS.add(registered);
        return () -> CANCELLERS.remove(registered);
    }

    /**
     * Asks every registered context to cancel its run in progress, for {@code reason} ({@code interrupted
     * (Ctrl-C)}).
     *
     * @return whether some run was in progress and took the request
     */
    public static boolean cancelAll(String reason) {
        boolean taken = false;
        for (Registered registered : CANCELLERS) {
            taken |= registered.canceller().cancel(reason);
        }
        return taken;
    }

    /**
     * Asks the contexts registered for {@code host} (the same instance) to cancel their run in progress.
     *
     * @return whether some run was in progress and took the request
     */
    public static boolean cancelFor(Host host, String reason) {
        boolean taken = false;
        for (Registered registered : CANCELLERS) {
            if (registered.host() == host) {
                taken |= registered.canceller().cancel(reason);
            }
        }
        return taken;
    }
}
