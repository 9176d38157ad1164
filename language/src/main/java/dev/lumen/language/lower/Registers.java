package dev.lumen.language.lower;

import dev.lumen.lir.format.LirType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Register allocation for one cell (blueprint §13): a linear scan over the AST, no graph colouring, no
 * spilling. Parameters take r0..n-1; each binding (let, for, pattern) takes a register for its scope;
 * temporaries are released as soon as the expression that needed them is done.
 *
 * <p>Every register has one static type for the whole cell, fixed when it is first allocated, so the
 * interpreter can give it a typed frame slot. A request takes the lowest free register that already has
 * the requested type, or a new one: a register is reused only by values of its own type. Windows (call
 * arguments, list/map/record elements, CONCAT pieces) are runs of consecutive registers, each of the type
 * its value has.
 */
final class Registers {
    static final int LIMIT = 256;

    private final List<LirType> types = new ArrayList<>();
    private final BitSet used = new BitSet();
    private final BitSet bindings = new BitSet();
    private final Supplier<RuntimeException> overflow;

    Registers(Supplier<RuntimeException> overflow) {
        this.overflow = overflow;
    }

    private boolean fits(int r, LirType type) {
        return !used.get(r) && (r >= types.size() || types.get(r).equals(type));
    }

    private void take(int r, LirType type) {
        if (r >= LIMIT) {
            throw overflow.get();
        }
        if (r == types.size()) {
            types.add(type);
        } else if (r > types.size()) {
            throw new IllegalStateException("register " + r + " skips " + types.size());
        }
        used.set(r);
    }

    /** A free register of this type. */
    int alloc(LirType type) {
        int r = 0;
        while (!fits(r, type)) {
            r++;
        }
        take(r, type);
        return r;
    }

    /** Consecutive free registers of these types; returns the first. */
    int window(List<LirType> slots) {
        int base = 0;
        while (!windowFits(base, slots)) {
            base++;
        }
        for (int i = 0; i < slots.size(); i++) {
            take(base + i, slots.get(i));
        }
        return base;
    }

    private boolean windowFits(int base, List<LirType> slots) {
        for (int i = 0; i < slots.size(); i++) {
            if (!fits(base + i, slots.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the registers right after {@code head} for these slot types if they are free and fit, so a
     * window can be built in place behind its result register; returns whether it did.
     */
    boolean reserveAfter(int head, List<LirType> slots) {
        if (head + slots.size() >= LIMIT || !windowFits(head + 1, slots)) {
            return false;
        }
        for (int i = 0; i < slots.size(); i++) {
            take(head + 1 + i, slots.get(i));
        }
        return true;
    }

    /** Frees a temporary (a binding's register is left alone). */
    void release(int r) {
        if (!bindings.get(r)) {
            used.clear(r);
        }
    }

    /** Frees {@code count} consecutive temporaries from {@code base}. */
    void releaseWindow(int base, int count) {
        for (int i = 0; i < count; i++) {
            release(base + i);
        }
    }

    /** Marks an allocated register as holding a binding until {@link #unbind}. */
    void bind(int r) {
        bindings.set(r);
    }

    /** Ends a binding's scope: its register is free again for values of its type. */
    void unbind(int r) {
        bindings.clear(r);
        used.clear(r);
    }

    boolean isBinding(int r) {
        return bindings.get(r);
    }

    LirType type(int r) {
        return types.get(r);
    }

    /** Every register's type: the cell's register table. */
    List<LirType> table() {
        return List.copyOf(types);
    }
}
