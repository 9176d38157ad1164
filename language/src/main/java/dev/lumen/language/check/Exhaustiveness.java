package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a match covers every value of the matched type: every variant of an enum, `true` and `false`,
 * `ok` and `err` of a result (recursively), every member of a union; other types need a catch-all. Missing
 * cases are E0022; arms that can never be reached are W0001.
 */
final class Exhaustiveness {
    private static final int SHOWN = 4;
    private final Context cx;

    Exhaustiveness(Context cx) {
        this.cx = cx;
    }

    /**
     * Reports missing cases and unreachable arms; returns whether the match is known to be exhaustive (false
     * also when the matched type or a pattern had an error, and nothing could be said).
     */
    boolean check(Stmt.Match m, Type t, List<Pattern> patterns) {
        if (t.isError()) {
            return false;
        }
        for (Pattern p : patterns) {
            if (!resolved(p)) {
                return false;
            }
        }
        unreachable(m, t);
        List<String> missing = missing(t, patterns, false);
        if (missing.isEmpty()) {
            return true;
        }
        String shown = describe(missing);
        Diagnostic.Builder d;
        if (missing.equals(List.of("_"))) {
            d = Diagnostic.error(Code.E0022, m.scrutinee().span(), "non-exhaustive match: not every `" + t
                            + "` is covered")
                    .label("no arm matches the other `" + t + "` values")
                    .help("add a catch-all arm at the end: `_ -> …`");
        } else {
            d = Diagnostic.error(Code.E0022, m.scrutinee().span(), "non-exhaustive match: " + shown + " not covered")
                    .label((missing.size() == 1 ? "pattern " : "patterns ") + shown + " not covered")
                    .help("add an arm: `" + missing.get(0) + " -> …`"
                            + (missing.size() > 1 ? ", one for each missing case, or a catch-all `_ -> …`" : ""));
        }
        if (m.arms().isEmpty()) {
            d.note("this match has no arms");
        }
        cx.report(d);
        return false;
    }

    private static String describe(List<String> missing) {
        List<String> q = missing.stream().map(s -> "`" + s + "`").toList();
        if (q.size() > SHOWN) {
            return String.join(", ", q.subList(0, SHOWN - 1)) + " and " + (q.size() - SHOWN + 1) + " more";
        }
        if (q.size() == 1) {
            return q.get(0);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
    }

    private boolean resolved(Pattern p) {
        PatternMeaning meaning = cx.out.patterns.get(p);
        if (meaning == null) {
            return false;
        }
        return !(p instanceof Pattern.Result r) || resolved(r.inner());
    }

    /** W0001 for arms after a catch-all and for repeated variants or literals. */
    private void unreachable(Stmt.Match m, Type t) {
        Pattern catchAll = null;
        List<Stmt.Arm> seen = new ArrayList<>();
        for (Stmt.Arm arm : m.arms()) {
            Pattern p = arm.pattern();
            if (catchAll != null) {
                cx.report(Diagnostic.warning(Code.W0001, p.span(), "unreachable match arm")
                        .label("this arm is never reached")
                        .secondary(catchAll.span(), "this earlier arm matches every value")
                        .help("remove the arm, or move it before the catch-all"));
                continue;
            }
            for (Stmt.Arm earlier : seen) {
                if (same(earlier.pattern(), p)) {
                    cx.report(Diagnostic.warning(Code.W0001, p.span(), "unreachable match arm")
                            .label("this case is already matched")
                            .secondary(earlier.pattern().span(), "matched here first")
                            .help("remove the repeated arm"));
                    break;
                }
            }
            seen.add(arm);
            if (irrefutable(p, t)) {
                catchAll = p;
            }
        }
    }

    private boolean same(Pattern a, Pattern b) {
        PatternMeaning ma = cx.out.patterns.get(a);
        PatternMeaning mb = cx.out.patterns.get(b);
        if (ma instanceof PatternMeaning.Variant va && mb instanceof PatternMeaning.Variant vb) {
            return va.type() == vb.type() && va.variant().equals(vb.variant());
        }
        if (a instanceof Pattern.Literal la && b instanceof Pattern.Literal lb) {
            Object x = literalValue(la.value());
            return x != null && x.equals(literalValue(lb.value()));
        }
        return false;
    }

    private static Object literalValue(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> i.value();
            case Expr.FloatLit f -> f.value();
            case Expr.BoolLit b -> b.value();
            case Expr.NullLit n -> "null";
            case Expr.Str s when s.parts().isEmpty() -> "\"";
            case Expr.Str s when s.parts().size() == 1 && s.parts().get(0) instanceof Expr.Text t -> "\"" + t.text();
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG && literalValue(u.operand()) instanceof Long l -> -l;
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG && literalValue(u.operand()) instanceof Double d -> -d;
            default -> null;
        };
    }

    /** Whether a pattern matches every value of type {@code t}. */
    private boolean irrefutable(Pattern p, Type t) {
        PatternMeaning m = cx.out.patterns.get(p);
        return switch (m) {
            case PatternMeaning.Wildcard w -> true;
            case PatternMeaning.Bind b -> true;
            case PatternMeaning.TypeTest tt -> Type.assignable(t, tt.type());
            case PatternMeaning.Literal l -> t == Type.NULL && l.type() == Type.NULL;
            case null, default -> false;
        };
    }

    /** The cases of {@code t} no pattern covers, written as patterns. */
    private List<String> missing(Type t, List<Pattern> ps, boolean member) {
        List<String> out = new ArrayList<>();
        if (t.isError()) {
            return out;
        }
        for (Pattern p : ps) {
            if (irrefutable(p, t)) {
                return out;
            }
        }
        switch (t) {
            case Type.Primitive prim when prim == Type.BOOL -> {
                for (boolean v : new boolean[] {true, false}) {
                    boolean covered = ps.stream().anyMatch(p -> p instanceof Pattern.Literal l
                            && l.value() instanceof Expr.BoolLit b && b.value() == v);
                    if (!covered) {
                        out.add(Boolean.toString(v));
                    }
                }
            }
            case Type.Primitive prim when prim == Type.NULL -> out.add("null");
            case EnumType e -> {
                for (String v : e.variants()) {
                    boolean covered = ps.stream().anyMatch(p -> cx.out.patterns.get(p) instanceof PatternMeaning.Variant pv
                            && pv.type() == e && pv.variant().equals(v));
                    if (!covered) {
                        out.add(e + "." + v);
                    }
                }
            }
            case Type.ResultType r -> {
                for (boolean ok : new boolean[] {true, false}) {
                    List<Pattern> inner = new ArrayList<>();
                    for (Pattern p : ps) {
                        if (p instanceof Pattern.Result pr && pr.ok() == ok) {
                            inner.add(pr.inner());
                        }
                    }
                    String form = ok ? "ok" : "err";
                    if (inner.isEmpty()) {
                        out.add(form + "(_)");
                    } else {
                        missing(ok ? r.ok() : r.err(), inner, false).forEach(x -> out.add(form + "(" + x + ")"));
                    }
                }
            }
            case Type.UnionType u -> {
                for (Type m : u.members()) {
                    List<Pattern> relevant = ps.stream().filter(p -> relevant(p, m)).toList();
                    if (relevant.isEmpty()) {
                        out.add(m == Type.NULL ? "null" : "_: " + m);
                    } else {
                        out.addAll(missing(m, relevant, true));
                    }
                }
            }
            default -> out.add(member ? "_: " + t : "_");
        }
        return out;
    }

    /** Whether a pattern on a union tests values of member {@code m}. */
    private boolean relevant(Pattern p, Type m) {
        PatternMeaning meaning = cx.out.patterns.get(p);
        return switch (meaning) {
            case PatternMeaning.TypeTest tt -> Type.assignable(m, tt.type());
            case PatternMeaning.Literal l -> l.type().equals(m);
            case PatternMeaning.Variant v -> v.type() == m;
            case PatternMeaning.ResultCase r -> m instanceof Type.ResultType;
            case null, default -> false;
        };
    }
}
