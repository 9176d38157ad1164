package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.source.Span;

/** Helps that rewrite one expression, added with the fix an editor applies (the help text is unchanged). */
final class Fixes {
    private Fixes() {
    }

    /** {@code help}, whose fix writes {@code before} and {@code after} around {@code e} as written. */
    static void wrap(Diagnostic.Builder d, String help, Expr e, String title, String before, String after) {
        if (hasPlace(e)) {
            d.help(help, Fix.wrap(title, e.span(), before, after));
        } else {
            d.help(help);
        }
    }

    /** {@code help}, whose fix wraps {@code e} in a call of {@code function}. */
    static void call(Diagnostic.Builder d, String help, Expr e, String function) {
        wrap(d, help, e, "Wrap in `" + function + "(…)`", function + "(", ")");
    }

    /** {@code help}, whose fix writes {@code text} in place of {@code e}. */
    static void replace(Diagnostic.Builder d, String help, Expr e, String text) {
        if (hasPlace(e)) {
            d.help(help, Fix.replace("Change to `" + text + "`", e.span(), text));
        } else {
            d.help(help);
        }
    }

    private static boolean hasPlace(Expr e) {
        Span s = e == null ? null : e.span();
        return s != null && s.line() > 0 && !s.equals(Span.NONE);
    }
}
