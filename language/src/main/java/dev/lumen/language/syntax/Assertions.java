package dev.lumen.language.syntax;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The pieces of tests the parser builds from their source: failure messages and fixture constants. */
public final class Assertions {
    private static final Set<Expr.BinaryOp> COMPARISONS = Set.of(Expr.BinaryOp.EQ, Expr.BinaryOp.NE,
            Expr.BinaryOp.LT, Expr.BinaryOp.LE, Expr.BinaryOp.GT, Expr.BinaryOp.GE, Expr.BinaryOp.IN);

    private Assertions() {
    }

    /**
     * The message of a failed `assert`: {@code assert COND failed[: MESSAGE]}, then one line per operand of a
     * comparison that is not a literal, {@code OPERAND was VALUE} (the value as JSON), as pytest shows them.
     */
    static Expr failure(Expr condition, Expr message, Function<Span, String> source, Span at) {
        List<Expr.StrPart> parts = new ArrayList<>();
        String quoted = source.apply(condition.span());
        parts.add(new Expr.Text("assert " + (quoted != null ? quoted : "…") + " failed"));
        if (message != null) {
            parts.add(new Expr.Text(": "));
            parts.add(new Expr.Interp(message));
        }
        List<Expr> shown = new ArrayList<>();
        if (condition instanceof Expr.Binary b && COMPARISONS.contains(b.op())) {
            shown.add(b.left());
            shown.add(b.right());
        } else if (condition instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
            shown.add(u.operand());
        }
        for (Expr operand : shown) {
            String text = source.apply(operand.span());
            if (!isLiteral(operand) && text != null) {
                parts.add(new Expr.Text("\n  " + text + " was "));
                parts.add(new Expr.Interp(call("to_string", call("to_json", operand))));
            }
        }
        return new Expr.Str(List.copyOf(parts), at);
    }

    /** A call the source does not hold: its callee has no place, so editors find no name where the operand is. */
    private static Expr call(String intrinsic, Expr argument) {
        return new Expr.Call(new Expr.Name(new Ident(intrinsic, Span.NONE)),
                List.of(new Expr.Arg(null, argument)), argument.span());
    }

    private static boolean isLiteral(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> true;
            case Expr.FloatLit f -> true;
            case Expr.BoolLit b -> true;
            case Expr.NullLit n -> true;
            case Expr.Str s -> s.parts().stream().allMatch(p -> p instanceof Expr.Text);
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NEG && isLiteral(u.operand());
            default -> false;
        };
    }

    /** Where {@code value} computes something (a name, a call, an interpolation), or null when it is a constant. */
    static Span firstNonConstant(Expr value) {
        return switch (value) {
            case Expr.ListLit l -> first(l.elements());
            case Expr.MapLit m -> {
                List<Expr> parts = new ArrayList<>();
                m.entries().forEach(entry -> {
                    parts.add(entry.key());
                    parts.add(entry.value());
                });
                yield first(parts);
            }
            case Expr.RecordLit r -> first(r.fields().stream().map(Expr.FieldInit::value).toList());
            default -> isLiteral(value) ? null : value.span();
        };
    }

    private static Span first(List<Expr> values) {
        for (Expr e : values) {
            Span at = firstNonConstant(e);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    /**
     * The JSON form of a constant (as {@link #firstNonConstant} accepts): Strings, Longs, Doubles, Booleans, null,
     * lists and maps; a record literal is the object of its fields.
     */
    public static Object json(Expr value) {
        return switch (value) {
            case Expr.IntLit i -> i.value();
            case Expr.FloatLit f -> f.value();
            case Expr.BoolLit b -> b.value();
            case Expr.NullLit n -> null;
            case Expr.Str s -> {
                StringBuilder text = new StringBuilder();
                s.parts().forEach(p -> text.append(((Expr.Text) p).text()));
                yield text.toString();
            }
            case Expr.Unary u -> u.operand() instanceof Expr.IntLit i ? (Object) (-i.value())
                    : (Object) (-((Expr.FloatLit) u.operand()).value());
            case Expr.ListLit l -> l.elements().stream().map(Assertions::json).toList();
            case Expr.MapLit m -> {
                Map<String, Object> object = new LinkedHashMap<>();
                m.entries().forEach(entry -> object.put(String.valueOf(json(entry.key())), json(entry.value())));
                yield object;
            }
            case Expr.RecordLit r -> {
                Map<String, Object> object = new LinkedHashMap<>();
                r.fields().forEach(f -> object.put(f.name().name(), json(f.value())));
                yield object;
            }
            default -> throw new IllegalArgumentException("not a constant: " + value);
        };
    }
}
