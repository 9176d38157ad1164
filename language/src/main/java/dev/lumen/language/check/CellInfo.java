package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell: its signature, and every local binding it declares in slot order (parameters first), which is
 * what lowering needs to allocate registers.
 */
public final class CellInfo {
    private final Decl.Cell decl;
    private final List<Binding> params = new ArrayList<>();
    private final List<Binding> locals = new ArrayList<>();
    private Type returnType = Type.ERROR;
    private boolean callsTools;

    CellInfo(Decl.Cell decl) {
        this.decl = decl;
    }

    public String name() {
        return decl.name().name();
    }

    public Decl.Cell decl() {
        return decl;
    }

    public List<Binding> params() {
        return List.copyOf(params);
    }

    public List<Type> paramTypes() {
        return params.stream().map(Binding::type).toList();
    }

    /** Null when the header has no `-> T`. */
    public Type returnType() {
        return returnType;
    }

    /** Every binding of the cell, parameters first, in slot order. */
    public List<Binding> locals() {
        return List.copyOf(locals);
    }

    /** Whether the body calls a tool or `trace_ref()` directly (not through other cells). */
    public boolean callsTools() {
        return callsTools;
    }

    void setReturnType(Type t) {
        returnType = t;
    }

    void addParam(Binding b) {
        params.add(b);
        locals.add(b);
    }

    void addLocal(Binding b) {
        locals.add(b);
    }

    int nextSlot() {
        return locals.size();
    }

    void markCallsTools() {
        callsTools = true;
    }
}
