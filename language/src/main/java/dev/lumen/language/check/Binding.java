package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.types.Type;

/**
 * A local name: a cell parameter, a `let`, a `for` variable, a name bound by a match pattern, or (inside a
 * `where` constraint) a field of the record being constrained. {@code slot} numbers the bindings of one cell
 * in declaration order (parameters first), or is the field's index for {@link Kind#FIELD}.
 */
public final class Binding {

    public enum Kind { PARAM, LET, FOR, PATTERN, FIELD }

    private final Ident name;
    private final Type type;
    private final Kind kind;
    private final boolean mutable;
    private final int slot;
    private final Expr initializer;
    private boolean read;
    private boolean assigned;

    Binding(Ident name, Type type, Kind kind, boolean mutable, int slot, Expr initializer) {
        this.name = name;
        this.type = type;
        this.kind = kind;
        this.mutable = mutable;
        this.slot = slot;
        this.initializer = initializer;
    }

    public String name() {
        return name.name();
    }

    /** Where the name is declared. */
    public Ident ident() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Kind kind() {
        return kind;
    }

    /** True for `let mut`. */
    public boolean mutable() {
        return mutable;
    }

    public int slot() {
        return slot;
    }

    /** The value of a `let`, or null. */
    public Expr initializer() {
        return initializer;
    }

    /** Whether the binding is read anywhere (assigning to it does not count). */
    public boolean isRead() {
        return read;
    }

    void markRead() {
        read = true;
    }

    /** Whether a later assignment (`x = …`, `x.f = …`) writes to it. */
    public boolean isAssigned() {
        return assigned;
    }

    /**
     * Undoes the reads an assignment to this binding recorded in its own target path (`x.f = …`) and
     * pure value (`x = x + 1`): writing is not reading.
     */
    void unmarkReadForAssignment() {
        read = false;
    }

    void markAssigned() {
        assigned = true;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name.name() + ": " + type;
    }
}
