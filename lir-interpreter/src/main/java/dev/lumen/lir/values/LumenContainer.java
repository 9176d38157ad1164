package dev.lumen.lir.values;

/**
 * A mutable-in-place Lumen value (list, map, record) with value semantics.
 *
 * <p>Lumen values behave as if every assignment copied them; the interpreter copies lazily. A container
 * starts <em>unshared</em> when it is built (NEWLIST, NEWMAP, NEWRECORD, a copy); it becomes
 * <em>shared</em>, for good, as soon as a second reference to it may exist: when it is copied to another
 * register (MOVE), passed as an argument, stored inside another value, or handed in by a host. SETINDEX,
 * SETFIELD and APPEND change an unshared container in place and copy a shared one first (the copy is
 * unshared, so a loop that keeps updating one variable copies at most once). The flag is conservative: a
 * shared container may in fact have lost its other references, which costs one unnecessary copy.
 */
public abstract class LumenContainer {
    private boolean shared;

    LumenContainer() {
    }

    public final boolean isShared() {
        return shared;
    }

    public final void markShared() {
        shared = true;
    }

    /** Marks {@code value} shared if it is a container; returns it. */
    public static Object share(Object value) {
        if (value instanceof LumenContainer c) {
            c.shared = true;
        }
        return value;
    }
}
