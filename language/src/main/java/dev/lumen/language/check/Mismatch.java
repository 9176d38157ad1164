package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;

/** E0012 "mismatched types", with the conversion or wrapping that fixes it when there is one. */
final class Mismatch {

    /** Why a type was expected, shown as a secondary label (e.g. at a return type or annotation). */
    record Reason(Span span, String label) {
    }

    private Mismatch() {
    }

    static void report(Context cx, Expr e, Type expected, Type found, Reason reason) {
        if (expected.isError() || found.isError()) {
            return;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0012, e.span(), "mismatched types")
                .label("expected `" + expected + "`, found `" + found + "`");
        if (reason != null && reason.span() != null) {
            d.secondary(reason.span(), reason.label());
        }
        explain(cx, d, e, expected, found);
        cx.report(d);
    }

    /** Adds the help (and notes) that fix a value of type {@code found} where {@code expected} is needed. */
    static void explain(Context cx, Diagnostic.Builder d, Expr e, Type expected, Type found) {
        String x = SourceText.or(e, "…");
        if (expected == Type.FLOAT && found == Type.INT) {
            Operators.toFloatHelp(d, e);
        } else if (expected == Type.INT && e instanceof Expr.FloatLit f && f.value() == Math.rint(f.value())) {
            Fixes.replace(d, "write it as an integer: `" + (long) f.value() + "`", e, Long.toString((long) f.value()));
        } else if (expected == Type.INT && found == Type.FLOAT) {
            Fixes.call(d, "use `to_int(" + x + ")` to convert (it drops the fraction)", e, "to_int");
        } else if ((expected == Type.INT || expected == Type.FLOAT) && e instanceof Expr.Str s) {
            if (s.parts().size() == 1 && s.parts().get(0) instanceof Expr.Text t
                    && t.text().matches(expected == Type.INT ? "-?\\d+" : "-?\\d+\\.\\d+")) {
                Fixes.replace(d, "write the number without quotes: `" + t.text() + "`", e, t.text());
            }
        } else if ((expected == Type.INT || expected == Type.FLOAT) && found == Type.STRING) {
            String parse = expected == Type.INT ? "to_int" : "to_float";
            Fixes.call(d, "use `" + parse + "(" + x + ")` to parse it", e, parse);
        } else if (expected == Type.BOOL && !(found instanceof Type.ResultType)) {
            d.help(Operators.comparisonHint(e, found, false));
        } else if (expected == Type.STRING && (e instanceof Expr.IntLit || e instanceof Expr.FloatLit
                || e instanceof Expr.BoolLit)) {
            Fixes.wrap(d, "write it as text: `\"" + x + "\"`", e, "Write it as text", "\"", "\"");
        } else if (expected == Type.STRING && (found == Type.INT || found == Type.FLOAT || found == Type.BOOL)) {
            d.help(SourceText.of(e).map(s -> "interpolate it: `\"{" + s + "}\"`, or use `to_string(" + s + ")`")
                    .orElse("use `to_string(…)` to convert"));
        } else if (expected == Type.STRING && found != Type.NULL && !(found instanceof Type.UnionType)) {
            Fixes.call(d, "use `to_string(" + x + ")` to convert", e, "to_string");
        } else if (expected instanceof Type.ResultType r && Type.assignable(found, r.ok())) {
            Fixes.call(d, "wrap it: `ok(" + x + ")`", e, "ok");
            if (fromExpectSchema(cx, e)) {
                d.note("`expect schema` halts the program when the value does not validate, so its value is a plain `"
                        + found + "`; to handle invalid values yourself, use `validate(schema " + found
                        + ", …)`, which gives a `result[" + found + ", ValidationError]`");
            }
        } else if (expected instanceof Type.ResultType r && Type.assignable(found, r.err())) {
            Fixes.call(d, "wrap it: `err(" + x + ")`", e, "err");
        } else if (found instanceof Type.ResultType r && Type.assignable(r.ok(), expected)) {
            d.help("`" + x + "` may hold an error: match on it (`ok(value) -> …`, `err(e) -> …`) to get the `"
                    + r.ok() + "`");
        } else if (found instanceof Type.UnionType u && u.contains(Type.NULL)
                && Type.assignable(u.withoutNull(), expected)) {
            d.help("`" + x + "` may be `null`: match on it first (`value: " + u.withoutNull() + " -> …` and `null -> …`)");
        } else if (found instanceof Type.UnionType u && u.members().stream().anyMatch(m -> Type.assignable(m, expected))) {
            d.help("match on `" + x + "` to handle each of its types");
        } else if (expected == RecordType.ROLE_TEXT && found == Type.STRING) {
            d.help("make it a message: `role user: " + x + "`");
        } else if ((expected instanceof RecordType || expected instanceof dev.lumen.language.types.EnumType
                || expected instanceof Type.ListType) && (found == Type.STRING || found == Type.JSON)) {
            d.help("validate it: `" + x + " expect schema " + expected + "`");
        } else if (expected instanceof Type.ListType l && Type.assignable(found, l.element())) {
            Fixes.wrap(d, "wrap it in a list: `[" + x + "]`", e, "Wrap in a list", "[", "]");
        } else if (found == Type.NULL && !(expected instanceof Type.UnionType)) {
            d.help("`" + expected + "` does not include `null`; write `" + expected + " | Null` where a value may be "
                    + "missing");
        }
    }

    /** Whether the value is an `expect schema`, directly or through the `let` that bound it. */
    private static boolean fromExpectSchema(Context cx, Expr e) {
        if (e instanceof Expr.Expect x) {
            return !x.soft();
        }
        if (e instanceof Expr.Name n) {
            Binding b = cx.out.names.get(n);
            return b != null && b.initializer() instanceof Expr.Expect x && !x.soft();
        }
        return false;
    }
}
