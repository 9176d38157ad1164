package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Expr.BinaryOp;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unary and binary operators. There are no implicit conversions: mixing Int and Float, or adding a number
 * to a String, is E0021 with a help line that shows the conversion or the interpolation to write instead.
 */
final class Operators {
    private final ExprChecker ex;
    private final Context cx;

    Operators(ExprChecker ex) {
        this.ex = ex;
        this.cx = ex.cx;
    }

    Type unary(Expr.Unary u) {
        if (u.op() == Expr.UnaryOp.NOT) {
            Type t = ex.infer(u.operand());
            if (!t.isError() && t != Type.BOOL) {
                cx.report(Diagnostic.error(Code.E0021, u.span(), "cannot apply `not` to `" + t + "`")
                        .label("`not` needs a `Bool`")
                        .help(comparisonHint(u.operand(), t, true)));
                return Type.ERROR;
            }
            return t.isError() ? Type.ERROR : Type.BOOL;
        }
        Type t = ex.infer(u.operand());
        if (t.isError() || t.isNumeric()) {
            return t;
        }
        cx.report(Diagnostic.error(Code.E0021, u.span(), "cannot negate `" + t + "`")
                .label("`-` needs an `Int` or a `Float`"));
        return Type.ERROR;
    }

    /**
     * The comparison that turns a non-Bool value into the condition it was meant as. A value used as a
     * condition (`if x`, `x and y`) means "x is set", so the help compares with `!=`; under `not` it means
     * "x is not set", so the help replaces `not x` with an `==` comparison.
     */
    static String comparisonHint(Expr e, Type t, boolean negated) {
        String x = SourceText.or(e, "…");
        String op = negated ? " == " : " != ";
        if (t instanceof Type.UnionType u && u.contains(Type.NULL)) {
            return negated ? "test for a missing value with `" + x + " == null`"
                    : "test for a value with `" + x + " != null`";
        }
        if (t == Type.INT || t == Type.FLOAT) {
            return "compare it: `" + x + op + (t == Type.INT ? "0" : "0.0") + "`";
        }
        if (t == Type.STRING) {
            return "compare it: `" + x + op + "\"\"`";
        }
        return "conditions are `Bool` values; compare with `==` to get one";
    }

    Type binary(Expr.Binary b) {
        return switch (b.op()) {
            case AND, OR -> {
                Type l = ex.check(b.left(), Type.BOOL);
                Type r = ex.check(b.right(), Type.BOOL);
                yield l.isError() || r.isError() ? Type.ERROR : Type.BOOL;
            }
            case EQ, NE -> equality(b);
            case LT, LE, GT, GE -> ordering(b);
            case IN -> membership(b);
            case ADD -> addChain(b);
            case SUB, MUL, DIV, MOD -> arithmetic(b);
        };
    }

    /** Infers the right operand, using the left operand's type for `[]`, `{}`, `ok(…)`, `err(…)`. */
    private Type right(Expr right, Type left) {
        if (ExprChecker.needsContext(right)) {
            if (left.isError()) {
                return ex.inferLoose(right);
            }
            return ex.check(right, left);
        }
        return ex.infer(right);
    }

    private Type equality(Expr.Binary b) {
        Type l = ex.infer(b.left());
        Type r = right(b.right(), l);
        if (l.isError() || r.isError()) {
            return Type.BOOL;
        }
        if (Type.assignable(l, r) || Type.assignable(r, l)) {
            return Type.BOOL;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0021, b.opSpan(), "cannot compare `" + l + "` with `" + r + "`")
                .label("`" + b.op().symbol() + "` compares values of the same type")
                .secondary(b.left().span(), "`" + l + "`")
                .secondary(b.right().span(), "`" + r + "`");
        Optional<String> variant = enumVariantHint(b.left(), l, b.right(), r);
        if (variant.isPresent()) {
            d.help(variant.get());
        } else {
            convert(d, b, l, r);
        }
        cx.report(d);
        return Type.BOOL;
    }

    /** `priority == "High"` → compare with `Priority.High`. */
    private static Optional<String> enumVariantHint(Expr le, Type l, Expr re, Type r) {
        if (l instanceof EnumType e && re instanceof Expr.Str s) {
            return variantFor(e, s);
        }
        if (r instanceof EnumType e && le instanceof Expr.Str s) {
            return variantFor(e, s);
        }
        return Optional.empty();
    }

    private static Optional<String> variantFor(EnumType e, Expr.Str s) {
        if (s.parts().size() == 1 && s.parts().get(0) instanceof Expr.Text t && e.hasVariant(t.text())) {
            return Optional.of("compare with the variant: `" + e + "." + t.text() + "`");
        }
        return Optional.of("compare with a variant of `" + e + "`, e.g. `" + e + "."
                + (e.variants().isEmpty() ? "…" : e.variants().get(0)) + "`");
    }

    private Type ordering(Expr.Binary b) {
        Type l = ex.infer(b.left());
        Type r = right(b.right(), l);
        if (l.isError() || r.isError()) {
            return Type.BOOL;
        }
        boolean ordered = l == Type.INT || l == Type.FLOAT || l == Type.STRING;
        if (l.equals(r) && ordered) {
            return Type.BOOL;
        }
        Diagnostic.Builder d;
        if (l.equals(r)) {
            d = Diagnostic.error(Code.E0021, b.opSpan(), "cannot order values of type `" + l + "` with `"
                            + b.op().symbol() + "`")
                    .label("`" + l + "` has no order")
                    .help("`<`, `<=`, `>` and `>=` compare `Int`, `Float` and `String` values");
        } else {
            d = Diagnostic.error(Code.E0021, b.opSpan(), "cannot compare `" + l + "` with `" + r + "`")
                    .label("`" + b.op().symbol() + "` compares values of the same type")
                    .secondary(b.left().span(), "`" + l + "`")
                    .secondary(b.right().span(), "`" + r + "`");
            convert(d, b, l, r);
        }
        cx.report(d);
        return Type.BOOL;
    }

    private Type membership(Expr.Binary b) {
        Type l = ex.infer(b.left());
        Type r;
        if (b.right() instanceof Expr.ListLit && !l.isError()) {
            r = ex.check(b.right(), Type.list(l));
        } else {
            r = ex.infer(b.right());
        }
        if (l.isError() || r.isError()) {
            return Type.BOOL;
        }
        String problem = null;
        if (r instanceof Type.ListType list) {
            if (!Type.assignable(l, list.element()) && !Type.assignable(list.element(), l)) {
                problem = Names.a(r) + " cannot contain " + Names.a(l);
            }
        } else if (r instanceof Type.MapType) {
            if (l != Type.STRING) {
                problem = "`in` looks for a `String` key in a map, found `" + l + "`";
            }
        } else if (r == Type.STRING) {
            if (l != Type.STRING) {
                problem = "`in` looks for a `String` inside a `String`, found `" + l + "`";
            }
        } else {
            cx.report(Diagnostic.error(Code.E0021, b.opSpan(), "cannot look for a value in `" + r + "`")
                    .label("`in` needs a list, a map or a `String` on its right")
                    .secondary(b.right().span(), "`" + r + "`"));
            return Type.BOOL;
        }
        if (problem != null) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0021, b.opSpan(), "cannot look for `" + l + "` in `" + r + "`")
                    .label(problem)
                    .secondary(b.left().span(), "`" + l + "`")
                    .secondary(b.right().span(), "`" + r + "`");
            if (r instanceof Type.ListType list) {
                convertTo(d, b.left(), l, list.element());
            }
            cx.report(d);
        }
        return Type.BOOL;
    }

    private Type arithmetic(Expr.Binary b) {
        Type l = ex.infer(b.left());
        Type r = right(b.right(), l);
        if (l.isError() || r.isError()) {
            return Type.ERROR;
        }
        if (l.equals(r) && l.isNumeric()) {
            return l;
        }
        reportArithmetic(b, b.left(), l, b.right(), r, null);
        return Type.ERROR;
    }

    /**
     * `a + b + c …` is checked as one left-nested chain so that a String mixed with numbers gets one
     * diagnostic whose help rewrites the whole chain as an interpolated string.
     */
    private Type addChain(Expr.Binary root) {
        List<Expr.Binary> nodes = new ArrayList<>();
        Expr leftmost = root;
        while (leftmost instanceof Expr.Binary bin && bin.op() == BinaryOp.ADD) {
            nodes.add(0, bin);
            leftmost = bin.left();
        }
        List<Expr> leaves = new ArrayList<>();
        leaves.add(leftmost);
        nodes.forEach(n -> leaves.add(n.right()));
        Type acc = ex.infer(leftmost);
        List<Type> rights = new ArrayList<>();
        for (Expr.Binary n : nodes) {
            rights.add(ExprChecker.needsContext(n.right()) ? null : ex.infer(n.right()));
        }
        for (int i = 0; i < nodes.size(); i++) {
            Expr.Binary node = nodes.get(i);
            Type r = rights.get(i);
            if (r == null) {
                r = acc.isError() ? ex.inferLoose(node.right()) : ex.check(node.right(), acc);
            }
            Type result;
            if (acc.isError() || r.isError()) {
                result = Type.ERROR;
            } else if (acc.equals(r) && (acc.isNumeric() || acc == Type.STRING || acc instanceof Type.ListType)) {
                result = acc;
            } else {
                reportArithmetic(node, node.left(), acc, node.right(), r, new Chain(leaves, i, rights));
                result = Type.ERROR;
            }
            if (node != root) {
                cx.out.types.put(node, result);
            }
            acc = result;
        }
        return acc;
    }

    /** The operands of an addition chain and the right-operand types inferred so far. */
    private record Chain(List<Expr> leaves, int failingNode, List<Type> rightTypes) {
    }

    private void reportArithmetic(Expr.Binary b, Expr le, Type l, Expr re, Type r, Chain chain) {
        String verb = switch (b.op()) {
            case ADD -> "cannot add `" + r + "` to `" + l + "`";
            case SUB -> "cannot subtract `" + r + "` from `" + l + "`";
            case MUL -> "cannot multiply `" + l + "` by `" + r + "`";
            case DIV -> "cannot divide `" + l + "` by `" + r + "`";
            default -> "cannot apply `%` to `" + l + "` and `" + r + "`";
        };
        Diagnostic.Builder d = Diagnostic.error(Code.E0021, b.opSpan(), verb)
                .secondary(le.span(), "`" + l + "`")
                .secondary(re.span(), "`" + r + "`");
        boolean stringy = b.op() == BinaryOp.ADD && (l == Type.STRING || r == Type.STRING);
        if (b.op() == BinaryOp.ADD && l instanceof Type.ListType list && Type.assignable(r, list.element())) {
            d.label("`+` joins two lists");
            d.help("add one item with `append(" + SourceText.or(le, "…") + ", " + SourceText.or(re, "…") + ")`");
        } else if (b.op() == BinaryOp.ADD && r instanceof Type.ListType list && Type.assignable(l, list.element())) {
            d.label("`+` joins two lists");
            d.help("put the item in a list first: `[" + SourceText.or(le, "…") + "] + " + SourceText.or(re, "…") + "`");
        } else if (stringy) {
            d.label("`+` joins two `String` values");
            Type other = l == Type.STRING ? r : l;
            Expr otherExpr = l == Type.STRING ? re : le;
            if (ExprChecker.interpolatable(other)) {
                Optional<String> fix = interpolationFix(b, le, l, chain);
                d.help("Lumen has no implicit conversions; interpolate instead: `" + fix.orElse(
                        "\"…{" + SourceText.or(otherExpr, "value") + "}…\"") + "`");
            } else {
                Fixes.call(d, "convert it explicitly: `to_string(" + SourceText.or(otherExpr, "…") + ")`", otherExpr,
                        "to_string");
            }
        } else if (l.isNumeric() && r.isNumeric()) {
            d.label("both sides must have the same type");
            toFloatHelp(d, l == Type.INT ? le : re);
        } else if (b.op() == BinaryOp.ADD) {
            d.label("`+` works on `Int`, `Float`, `String` and list values of the same type");
            if (l instanceof Type.UnionType || r instanceof Type.UnionType) {
                d.help("match on the union first to get a value of one type");
            }
        } else {
            d.label("`" + b.op().symbol() + "` works on two `Int` or two `Float` values");
            Type other = l.isNumeric() ? r : l;
            Expr otherExpr = l.isNumeric() ? re : le;
            if (other == Type.STRING && (l.isNumeric() || r.isNumeric())) {
                Type num = l.isNumeric() ? l : r;
                String parse = num == Type.INT ? "to_int" : "to_float";
                Fixes.call(d, "parse it first: `" + parse + "(" + SourceText.or(otherExpr, "…") + ")`", otherExpr, parse);
            }
        }
        cx.report(d);
    }

    /**
     * The interpolated string that replaces an addition mixing a String with numbers. With a chain, the whole
     * chain is rewritten when every operand can be interpolated; a numeric prefix (`1 + 2 + "x"`) stays one
     * interpolation.
     */
    private Optional<String> interpolationFix(Expr.Binary failing, Expr le, Type l, Chain chain) {
        List<Expr> pieces = new ArrayList<>();
        if (chain == null) {
            pieces.add(le);
            pieces.add(failing.right());
            return SourceText.interpolated(pieces);
        }
        int i = chain.failingNode();
        if (l == Type.STRING) {
            pieces.addAll(chain.leaves().subList(0, i + 1));
        } else {
            pieces.add(le);
        }
        pieces.add(chain.leaves().get(i + 1));
        for (int k = i + 1; k < chain.rightTypes().size(); k++) {
            Type t = chain.rightTypes().get(k);
            if (t == null || !ExprChecker.interpolatable(t)) {
                pieces = List.of(le, failing.right());
                break;
            }
            pieces.add(chain.leaves().get(k + 1));
        }
        return SourceText.interpolated(pieces);
    }

    /** Help for comparing two types that differ: the conversion that makes them the same. */
    private void convert(Diagnostic.Builder d, Expr.Binary b, Type l, Type r) {
        if (l.isNumeric() && r.isNumeric()) {
            toFloatHelp(d, l == Type.INT ? b.left() : b.right());
        } else if (l == Type.STRING && r.isNumeric() || r == Type.STRING && l.isNumeric()) {
            Expr num = l.isNumeric() ? b.left() : b.right();
            Fixes.call(d, "use `to_string(" + SourceText.or(num, "…") + ")` to compare them as text", num, "to_string");
        } else if (l == Type.NULL || r == Type.NULL) {
            Type other = l == Type.NULL ? r : l;
            d.note("`" + other + "` does not include `null`, so this comparison is always "
                    + (b.op() == BinaryOp.EQ ? "false" : "true"));
        }
    }

    /**
     * The help that turns an `Int` expression into a `Float`: a literal is written with a fraction; a division
     * converts its operands before dividing, because converting the quotient would keep the truncated `Int`
     * division (`to_float(3 / 4)` is `0.0`).
     */
    static void toFloatHelp(Diagnostic.Builder d, Expr intSide) {
        if (intSide instanceof Expr.IntLit lit) {
            Fixes.replace(d, "write it as a float: `" + lit.value() + ".0`", intSide, lit.value() + ".0");
            return;
        }
        if (intSide instanceof Expr.Binary b && b.op() == BinaryOp.DIV) {
            Optional<String> fix = floatQuotient(b);
            if (fix.isPresent()) {
                Fixes.replace(d, "convert before dividing, since `Int` division truncates: `" + fix.get() + "`",
                        intSide, fix.get());
                return;
            }
        }
        Fixes.call(d, "use `to_float(" + SourceText.or(intSide, "…") + ")` to convert", intSide, "to_float");
    }

    /** `a / b` with each `Int` operand converted: `to_float(a) / to_float(b)`, or `2.0` for a literal. */
    private static Optional<String> floatQuotient(Expr.Binary div) {
        Optional<String> left = floatOperand(div.left());
        Optional<String> right = floatOperand(div.right()).map(r -> div.right() instanceof Expr.Binary inner
                && inner.op() == BinaryOp.DIV ? "(" + r + ")" : r);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(left.get() + " / " + right.get());
    }

    private static Optional<String> floatOperand(Expr e) {
        if (e instanceof Expr.IntLit lit) {
            return Optional.of(lit.value() + ".0");
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIV) {
            return floatQuotient(b);
        }
        return SourceText.of(e).map(x -> "to_float(" + x + ")");
    }

    private void convertTo(Diagnostic.Builder d, Expr e, Type from, Type to) {
        if (from == Type.INT && to == Type.FLOAT) {
            toFloatHelp(d, e);
        } else if (to == Type.STRING && ExprChecker.interpolatable(from)) {
            d.help("use `to_string(" + SourceText.or(e, "…") + ")` to convert");
        }
    }
}
