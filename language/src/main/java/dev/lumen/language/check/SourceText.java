package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders expressions and types back to Lumen source, for fixes shown in `help:` lines. Forms that have no
 * faithful one-line rendering (role text blocks, parse errors) are empty.
 */
final class SourceText {
    private SourceText() {
    }

    static Optional<String> of(Expr e) {
        try {
            return Optional.of(render(e, 0));
        } catch (Unrenderable u) {
            return Optional.empty();
        }
    }

    /** The expression's text, or {@code fallback} when it cannot be rendered. */
    static String or(Expr e, String fallback) {
        return of(e).orElse(fallback);
    }

    static String type(TypeExpr t) {
        return switch (t) {
            case TypeExpr.Named n -> n.name().name();
            case TypeExpr.ListOf l -> "list[" + type(l.element()) + "]";
            case TypeExpr.MapOf m -> "map[" + type(m.key()) + ", " + type(m.value()) + "]";
            case TypeExpr.Result r -> "result[" + type(r.ok()) + ", " + type(r.err()) + "]";
            case TypeExpr.Union u -> String.join(" | ", u.members().stream().map(SourceText::type).toList());
        };
    }

    /** A string literal whose text is the given parts: literal text and `{expr}` interpolations. */
    static Optional<String> interpolated(List<Expr> pieces) {
        StringBuilder b = new StringBuilder("\"");
        try {
            for (Expr p : pieces) {
                if (p instanceof Expr.Str s) {
                    b.append(stringBody(s));
                } else {
                    b.append('{').append(render(p, 0)).append('}');
                }
            }
        } catch (Unrenderable u) {
            return Optional.empty();
        }
        return Optional.of(b.append('"').toString());
    }

    private static final class Unrenderable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unrenderable() {
            super(null, null, false, false);
        }
    }

    private static int precedence(Expr.BinaryOp op) {
        return switch (op) {
            case OR -> 1;
            case AND -> 2;
            case EQ, NE, LT, LE, GT, GE, IN -> 4;
            case ADD, SUB -> 5;
            case MUL, DIV, MOD -> 6;
        };
    }

    private static String render(Expr e, int context) {
        return switch (e) {
            case Expr.IntLit i -> Long.toString(i.value());
            case Expr.FloatLit f -> floatText(f.value());
            case Expr.BoolLit b -> Boolean.toString(b.value());
            case Expr.NullLit n -> "null";
            case Expr.Str s -> "\"" + stringBody(s) + "\"";
            case Expr.Name n -> n.name().name();
            case Expr.Field f -> render(f.target(), 9) + "." + f.field().name();
            case Expr.Index i -> render(i.target(), 9) + "[" + render(i.index(), 0) + "]";
            case Expr.Call c -> {
                List<String> args = new ArrayList<>();
                for (Expr.Arg a : c.args()) {
                    args.add((a.name() == null ? "" : a.name().name() + ": ") + render(a.value(), 0));
                }
                yield render(c.callee(), 9) + "(" + String.join(", ", args) + ")";
            }
            case Expr.Binary b -> {
                int p = precedence(b.op());
                String text = render(b.left(), p) + " " + b.op().symbol() + " " + render(b.right(), p + 1);
                yield p < context ? "(" + text + ")" : text;
            }
            case Expr.Unary u -> {
                String text = u.op() == Expr.UnaryOp.NOT ? "not " + render(u.operand(), 4) : "-" + render(u.operand(), 8);
                yield (u.op() == Expr.UnaryOp.NOT ? 3 : 8) < context ? "(" + text + ")" : text;
            }
            case Expr.ListLit l -> "[" + String.join(", ", l.elements().stream().map(x -> render(x, 0)).toList()) + "]";
            case Expr.MapLit m -> "{" + String.join(", ", m.entries().stream()
                    .map(x -> render(x.key(), 0) + ": " + render(x.value(), 0)).toList()) + "}";
            case Expr.RecordLit r -> r.type().name() + " { " + String.join(", ", r.fields().stream()
                    .map(f -> f.name().name() + ": " + render(f.value(), 0)).toList()) + " }";
            case Expr.Expect x when x.soft() -> "validate(schema " + type(x.schema()) + ", " + render(x.value(), 0) + ")";
            case Expr.Expect x -> {
                String text = render(x.value(), 1) + " expect schema " + type(x.schema());
                yield context > 0 ? "(" + text + ")" : text;
            }
            case Expr.Repair r -> "repair(schema " + type(r.schema()) + ", " + render(r.value(), 0) + ", "
                    + render(r.errors(), 0) + ", via " + r.via().name() + ")";
            case Expr.SchemaRef s -> "schema " + type(s.type());
            case Expr.Role r -> {
                if (r.inline() == null) {
                    throw new Unrenderable();
                }
                yield "role " + r.role().name() + ": " + render(r.inline(), 0);
            }
            case Expr.Error x -> throw new Unrenderable();
        };
    }

    private static String floatText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        return Double.toString(d).replace('E', 'e');
    }

    private static String stringBody(Expr.Str s) {
        StringBuilder b = new StringBuilder();
        for (Expr.StrPart part : s.parts()) {
            switch (part) {
                case Expr.Text t -> escape(t.text(), b);
                case Expr.Interp i -> b.append('{').append(render(i.expr(), 0)).append('}');
            }
        }
        return b.toString();
    }

    private static void escape(String text, StringBuilder b) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '{' -> {
                    boolean interpolates = i + 1 < text.length()
                            && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_');
                    b.append(interpolates ? "\\{" : "{");
                }
                default -> b.append(c);
            }
        }
    }
}
