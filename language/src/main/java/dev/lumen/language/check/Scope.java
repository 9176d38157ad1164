package dev.lumen.language.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One block's local names, linked to the enclosing block's scope. */
final class Scope {
    private final Scope parent;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Scope parent() {
        return parent;
    }

    /** The binding declared under this name in this very scope, or null. */
    Binding local(String name) {
        return bindings.get(name);
    }

    /** Declares a binding; the caller has checked {@link #local} for a same-scope redeclaration. */
    void declare(Binding b) {
        bindings.put(b.name(), b);
    }

    /** The innermost visible binding of a name, or null. */
    Binding lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Binding b = s.bindings.get(name);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** The bindings declared in this scope, in declaration order. */
    List<Binding> own() {
        return new ArrayList<>(bindings.values());
    }

    /** Every visible name, innermost first, for did-you-mean suggestions. */
    List<String> visibleNames() {
        List<String> out = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) {
            for (String n : s.bindings.keySet()) {
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
