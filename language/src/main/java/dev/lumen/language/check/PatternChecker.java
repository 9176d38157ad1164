package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a match pattern against the matched type (E0023 when it cannot match a value of that type),
 * records its meaning and declares the names it binds.
 */
final class PatternChecker {
    private final ExprChecker ex;
    private final Context cx;

    PatternChecker(ExprChecker ex) {
        this.ex = ex;
        this.cx = ex.cx;
    }

    void bind(Pattern p, Type t, StmtChecker stmts) {
        PatternMeaning meaning = resolve(p, t, stmts);
        if (meaning != null) {
            cx.out.patterns.put(p, meaning);
        }
    }

    private PatternMeaning resolve(Pattern p, Type t, StmtChecker stmts) {
        return switch (p) {
            case Pattern.Wildcard w -> new PatternMeaning.Wildcard();
            case Pattern.Name n -> name(n, t, stmts);
            case Pattern.Literal l -> literal(l, t);
            case Pattern.Variant v -> variant(v, t);
            case Pattern.Result r -> result(r, t, stmts);
            case Pattern.Typed typed -> typed(typed, t, stmts);
        };
    }

    /** Enums the matched type can be: the type itself or its enum members. */
    private static List<EnumType> enums(Type t) {
        List<EnumType> out = new ArrayList<>();
        for (Type m : t.alternatives()) {
            if (m instanceof EnumType e) {
                out.add(e);
            }
        }
        return out;
    }

    private PatternMeaning name(Pattern.Name n, Type t, StmtChecker stmts) {
        String name = n.name().name();
        List<EnumType> enums = enums(t);
        for (EnumType e : enums) {
            if (e.hasVariant(name)) {
                return new PatternMeaning.Variant(e, name, e.ordinal(name));
            }
        }
        if (!enums.isEmpty() && Character.isUpperCase(name.charAt(0))) {
            EnumType e = enums.get(0);
            Diagnostic.Builder d = Diagnostic.error(Code.E0023, n.span(), "no variant `" + name + "` on enum `" + e + "`")
                    .label("not a variant of `" + e + "`");
            if (!Names.suggest(d, name, e.variants())) {
                d.help("variants: " + Names.plainList(e.variants()));
            }
            d.note("a capitalised name in a pattern on an enum is read as a variant; to bind the value, use a "
                    + "lowercase name");
            cx.report(d);
            return null;
        }
        Binding b = stmts.declare(n.name(), t, Binding.Kind.PATTERN, false, null);
        return new PatternMeaning.Bind(b);
    }

    private PatternMeaning literal(Pattern.Literal l, Type t) {
        Type lt = ex.infer(l.value());
        if (t.isError() || lt.isError()) {
            return new PatternMeaning.Literal(lt);
        }
        if (Type.assignable(lt, t)) {
            return new PatternMeaning.Literal(lt);
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0023, l.span(), "this pattern cannot match " + Names.a(t))
                .label("expected `" + t + "`, found `" + lt + "`");
        if (t == Type.FLOAT && lt == Type.INT && l.value() instanceof Expr.IntLit i) {
            d.help("write it as a float: `" + i.value() + ".0`");
        } else if (t == Type.INT && lt == Type.STRING && l.value() instanceof Expr.Str s
                && s.parts().size() == 1 && s.parts().get(0) instanceof Expr.Text text && text.text().matches("-?\\d+")) {
            d.help("write the number without quotes: `" + text.text() + "`");
        } else if (t instanceof EnumType e && lt == Type.STRING) {
            d.help("match the variants of `" + e + "`, e.g. `" + e + "." + (e.variants().isEmpty() ? "…"
                    : e.variants().get(0)) + "`");
        }
        cx.report(d);
        return null;
    }

    private PatternMeaning variant(Pattern.Variant v, Type t) {
        String enumName = v.enumName().name();
        EnumInfo info = cx.symbols.enumeration(enumName);
        if (info == null) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0014, v.enumName().span(), "unknown enum `" + enumName + "`")
                    .label("not a known enum");
            Names.suggest(d, enumName, cx.symbols.enums.keySet());
            cx.report(d);
            return null;
        }
        EnumType e = info.type();
        String variant = v.variant().name();
        if (!e.hasVariant(variant)) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0015, v.variant().span(),
                    "no variant `" + variant + "` on enum `" + enumName + "`").label("unknown variant");
            if (!Names.suggest(d, variant, e.variants())) {
                d.help("variants: " + Names.plainList(e.variants()));
            }
            cx.report(d);
            return null;
        }
        if (!t.isError() && !Type.assignable(e, t)) {
            cx.report(Diagnostic.error(Code.E0023, v.span(), "this pattern cannot match " + Names.a(t))
                    .label("expected `" + t + "`, found `" + e + "`"));
            return null;
        }
        return new PatternMeaning.Variant(e, variant, e.ordinal(variant));
    }

    private PatternMeaning result(Pattern.Result r, Type t, StmtChecker stmts) {
        String form = r.ok() ? "ok(…)" : "err(…)";
        Type.ResultType rt = ExprChecker.shape(t, Type.ResultType.class);
        if (rt == null) {
            if (!t.isError()) {
                cx.report(Diagnostic.error(Code.E0023, r.span(), "`" + form + "` cannot match " + Names.a(t))
                        .label("expected `" + t + "`, found a result pattern")
                        .note("`ok(…)` and `err(…)` match values of a `result[T, E]` type"));
            }
            bind(r.inner(), Type.ERROR, stmts);
            return null;
        }
        bind(r.inner(), r.ok() ? rt.ok() : rt.err(), stmts);
        return new PatternMeaning.ResultCase(r.ok());
    }

    private PatternMeaning typed(Pattern.Typed p, Type t, StmtChecker stmts) {
        Type target = cx.types.resolve(p.type());
        if (!t.isError() && !target.isError() && !Type.assignable(target, t)) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0023, p.type().span(), t instanceof Type.UnionType
                            ? "`" + target + "` is not one of the types of `" + t + "`"
                            : "this pattern cannot match " + Names.a(t))
                    .label("expected " + (t instanceof Type.UnionType u ? "one of " + Names.quotedList(
                            u.members().stream().map(Type::toString).toList()) : "`" + t + "`")
                            + ", found `" + target + "`");
            cx.report(d);
            target = Type.ERROR;
        }
        Binding b = null;
        if (!p.name().name().equals("_")) {
            b = stmts.declare(p.name(), target, Binding.Kind.PATTERN, false, null);
        }
        // A pattern whose type was reported tests nothing: it is left unresolved, so that it neither
        // catches every value nor makes the arms after it unreachable.
        return target.isError() ? null : new PatternMeaning.TypeTest(target, b);
    }
}
