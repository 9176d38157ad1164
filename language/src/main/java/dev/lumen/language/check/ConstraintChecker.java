package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.Type;

/**
 * `where` constraints: Bool expressions over the record's own fields (by name), literals, operators and pure
 * intrinsics. Calling a cell, a tool or `trace_ref()` is E0026, and so is a constraint that is not a Bool.
 */
final class ConstraintChecker {
    private ConstraintChecker() {
    }

    static void check(Context cx) {
        for (RecordInfo r : cx.symbols.records.values()) {
            Scope fields = new Scope(null);
            int index = 0;
            for (RecordInfo.Field f : r.fields()) {
                Binding b = new Binding(f.decl().name(), f.type(), Binding.Kind.FIELD, false, index++, null);
                fields.declare(b);
            }
            for (RecordInfo.Field f : r.fields()) {
                if (f.constraint() != null) {
                    constraint(cx, r, f, new ExprChecker(cx, fields, null, r));
                }
            }
        }
    }

    private static void constraint(Context cx, RecordInfo r, RecordInfo.Field f, ExprChecker ex) {
        Expr c = f.constraint();
        Type t = ex.infer(c);
        if (t.isError() || t == Type.BOOL) {
            return;
        }
        cx.report(Diagnostic.error(Code.E0026, c.span(), "a `where` constraint must be a `Bool`, found `" + t + "`")
                .label("this is `" + t + "`")
                .help("state the condition the field must meet, e.g. `where " + example(f) + "`"));
    }

    private static String example(RecordInfo.Field f) {
        String n = f.name();
        Type t = f.type();
        if (t == Type.INT) {
            return n + " > 0";
        }
        if (t == Type.FLOAT) {
            return n + " >= 0.0";
        }
        if (t == Type.STRING || t instanceof Type.ListType) {
            return "length(" + n + ") >= 1";
        }
        return n + " != null";
    }
}
