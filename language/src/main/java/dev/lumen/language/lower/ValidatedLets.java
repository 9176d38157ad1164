package dev.lumen.language.lower;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.CallTarget;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.types.Type;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The `let`s whose value is only ever validated, each against one and the same type T: the binding is never
 * assigned to, is read at least once, and every read is the operand of `validate(schema T, x)` or
 * `x expect schema T`. Such a `let` of a model call can ask the model for T itself (tools-llm.md §4.3.1); a
 * `let` read in any other way, or validated against two types, is not one.
 */
final class ValidatedLets {
    private final Map<Binding, Type> expected = new IdentityHashMap<>();

    ValidatedLets(CheckedProgram checked) {
        Map<Expr.Name, Type> operands = validatedNames(checked);
        Set<Binding> other = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<Expr.Name, Binding> read : checked.bindings().entrySet()) {
            Binding b = read.getValue();
            if (b.kind() != Binding.Kind.LET || b.isAssigned() || other.contains(b)) {
                continue;
            }
            Type t = operands.get(read.getKey());
            Type before = t == null ? null : expected.putIfAbsent(b, t);
            if (t == null || before != null && !before.equals(t)) {
                expected.remove(b);
                other.add(b);
            }
        }
    }

    /** The type every read of {@code let} validates against, or null when it is not such a `let`. */
    Type expected(Binding let) {
        return expected.get(let);
    }

    /** Each name that is the operand of a validation, with the type it is validated against. */
    private static Map<Expr.Name, Type> validatedNames(CheckedProgram checked) {
        Map<Expr.Name, Type> operands = new IdentityHashMap<>();
        for (Map.Entry<Expr, Type> e : checked.expressionTypes().entrySet()) {
            if (e.getKey() instanceof Expr.Expect x && x.value() instanceof Expr.Name n) {
                operands.put(n, checked.type(x.schema()));
            }
        }
        for (Map.Entry<Expr.Call, CallTarget> c : checked.callTargets().entrySet()) {
            if (c.getValue() instanceof CallTarget.Intrinsic in && in.intrinsic().name().equals("validate")
                    && c.getKey().args().size() == 2 && c.getKey().args().get(1).value() instanceof Expr.Name n) {
                operands.put(n, checked.typeOf(c.getKey().args().get(0).value()));
            }
        }
        return operands;
    }
}
