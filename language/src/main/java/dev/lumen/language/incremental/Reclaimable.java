package dev.lumen.language.incremental;

import java.lang.ref.SoftReference;
import java.util.function.Supplier;

/**
 * A value derived from others (a parse tree, a checked program, a semantic model) that the JVM may reclaim when
 * memory runs short, and that is derived again, with the same result, when it is next needed. An editor keeps
 * many documents open and works in one: the others' trees give their memory back instead of exhausting it.
 */
public final class Reclaimable<T> {
    private final Supplier<T> derive;
    private SoftReference<T> value;

    /** A value derived on first use. */
    public Reclaimable(Supplier<T> derive) {
        this.derive = derive;
    }

    /** A value already derived. */
    public Reclaimable(T value, Supplier<T> derive) {
        this.derive = derive;
        this.value = new SoftReference<>(value);
    }

    public synchronized T get() {
        T v = value == null ? null : value.get();
        if (v == null) {
            v = derive.get();
            value = new SoftReference<>(v);
        }
        return v;
    }

    /** Lets the value go now, as memory pressure would; the next {@link #get} derives it again. */
    public synchronized void release() {
        value = null;
    }
}
