package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Signature;
import dev.lumen.lir.intrinsics.TypeTerm;
import dev.lumen.lir.intrinsics.Typing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Argument and result types of the intrinsics, from their signatures in the registry (lumen-v1.md §11). The
 * first argument decides: which form of a signature applies, which type of each choice, and what the type
 * variables stand for; every other argument is then checked against its parameter's type. An argument that
 * does not fit the first parameter is reported once, and what depends on it is not checked. The {@link Typing}
 * rules an intrinsic opts in to and {@code schema T} parameters are applied here.
 */
final class IntrinsicChecker {
    private final ExprChecker ex;
    private final Context cx;

    IntrinsicChecker(ExprChecker ex) {
        this.ex = ex;
        this.cx = ex.cx;
    }

    Type call(Expr.Call c, IntrinsicDef in, Type expected) {
        List<Expr> args = new ArrayList<>();
        boolean named = false;
        for (Expr.Arg a : c.args()) {
            args.add(a.value());
            named |= a.name() != null;
        }
        if (named) {
            Expr.Arg first = c.args().stream().filter(a -> a.name() != null).findFirst().orElseThrow();
            cx.report(Diagnostic.error(Code.E0018, first.name().span(),
                            "built-in function `" + in.name() + "` takes positional arguments")
                    .label("named argument")
                    .help("drop the names: `" + in.name() + "(" + String.join(", ",
                            args.stream().map(a -> SourceText.or(a, "…")).toList()) + ")`"));
            args.forEach(ex::inferLoose);
            return Type.ERROR;
        }
        if (args.size() != in.arity()) {
            cx.report(Diagnostic.error(Code.E0017, args.size() > in.arity()
                                    ? args.get(in.arity()).span().to(args.get(args.size() - 1).span()) : c.span(),
                            "`" + in.name() + "` takes " + Names.plural(in.arity(), "argument", "arguments") + " but "
                                    + args.size() + (args.size() == 1 ? " was" : " were") + " given")
                    .label(args.size() > in.arity() ? "unexpected " + (args.size() - in.arity() == 1 ? "argument"
                            : "arguments") : "missing " + Names.plural(in.arity() - args.size(), "argument", "arguments"))
                    .note("the signature is `" + in.signature() + "`"));
            args.forEach(ex::inferLoose);
            return Type.ERROR;
        }
        List<Signature.Form> forms = in.forms();
        if (args.isEmpty()) {
            return type(forms.get(0).result(0), Map.of());
        }
        Signature.Param first = forms.get(0).params().get(0);
        if (first.schema()) {
            return validate(args.get(0), args.get(1));
        }
        if (in.typing(Typing.LIST_FROM_ITEM)) {
            return append(args.get(0), args.get(1), in, expected);
        }
        if (forms.size() == 1 && !first.dependsOnFirst()) {
            return rest(forms.get(0), 0, args, new HashMap<>(), 0, false, in);
        }
        Type t = in.typing(Typing.FIRST_FROM_EXPECTED) ? generic(args.get(0), expected) : ex.infer(args.get(0));
        if (forms.size() > 1) {
            return overloaded(forms, args, t, in);
        }
        Map<String, Type> variables = new HashMap<>();
        int choice = -1;
        for (int k = 0; k < first.choices().size() && choice < 0; k++) {
            variables.clear();
            if (matches(first.choices().get(k), t, variables)) {
                choice = k;
            }
        }
        if (choice < 0) {
            mismatch(args.get(0), t, in, first.choices(), type(forms.get(0).result(0), variables));
        }
        return rest(forms.get(0), 1, args, variables, choice, choice < 0, in);
    }

    /**
     * Arguments {@code from} on of a form, once the first argument chose {@code choice} and bound the type
     * variables (or {@code failed} to fit), and the call's type.
     */
    private Type rest(Signature.Form form, int from, List<Expr> args, Map<String, Type> variables, int choice,
            boolean failed, IntrinsicDef in) {
        for (int i = from; i < args.size(); i++) {
            Signature.Param p = form.params().get(i);
            Expr arg = args.get(i);
            if (failed && p.dependsOnFirst()) {
                ex.inferLoose(arg);
                continue;
            }
            Type want = type(p.choices().get(p.isChoice() ? choice : 0), variables);
            // a choice is the one the first argument made: `min(1, 2.5)`
            Mismatch.Reason why = p.isChoice()
                    ? new Mismatch.Reason(args.get(0).span(), "both arguments must have this type") : null;
            ex.check(arg, want.isError() ? null : want, why);
            if (in.typing(Typing.REGEX) && p.name().equals("pattern")) {
                regex(arg);
            }
        }
        if (failed) {
            return in.typing(Typing.CONVERSION) ? type(form.result(0), variables) : Type.ERROR;
        }
        return type(form.result(choice), variables);
    }

    /** Several forms, told apart by the first argument's type {@code t}. */
    private Type overloaded(List<Signature.Form> forms, List<Expr> args, Type t, IntrinsicDef in) {
        List<TypeTerm> firsts = forms.stream().map(f -> f.params().get(0).choices().get(0)).toList();
        if (!t.isError()) {
            for (int k = 0; k < forms.size(); k++) {
                Map<String, Type> variables = new HashMap<>();
                if (matches(firsts.get(k), t, variables)) {
                    return rest(forms.get(k), 1, args, variables, 0, false, in);
                }
            }
            mismatch(args.get(0), t, in, firsts, Type.ERROR);
            args.subList(1, args.size()).forEach(ex::inferLoose);
            return Type.ERROR;
        }
        // The first argument was reported: what every form agrees on still holds.
        for (int i = 1; i < args.size(); i++) {
            int at = i;
            TypeTerm agreed = agreed(forms, f -> f.params().get(at).choices().get(0));
            ex.check(args.get(i), agreed == null ? null : type(agreed, Map.of()));
        }
        TypeTerm result = agreed(forms, f -> f.result(0));
        return result == null ? Type.ERROR : type(result, Map.of());
    }

    /** The term every form has there, if it is the same in all of them and has no type variable; else null. */
    private static TypeTerm agreed(List<Signature.Form> forms, Function<Signature.Form, TypeTerm> where) {
        TypeTerm t = where.apply(forms.get(0));
        for (Signature.Form f : forms) {
            if (!where.apply(f).equals(t)) {
                return null;
            }
        }
        return t.hasVariable() ? null : t;
    }

    private static boolean matches(TypeTerm term, Type t, Map<String, Type> variables) {
        return term.match(t, IntrinsicTypes.INSTANCE, variables);
    }

    private static Type type(TypeTerm term, Map<String, Type> variables) {
        return term.instantiate(IntrinsicTypes.INSTANCE, variables);
    }

    /** The first argument of a generic intrinsic: from the expected result type when it needs context. */
    private Type generic(Expr arg, Type expected) {
        if (ExprChecker.needsContext(arg) && expected != null) {
            return ex.check(arg, expected);
        }
        return ex.infer(arg);
    }

    /**
     * E0012 for a first argument of none of the types {@code alternatives} (unless it is already in error); for a
     * conversion, with the conversion's {@code result} type in mind.
     */
    private void mismatch(Expr arg, Type t, IntrinsicDef in, List<TypeTerm> alternatives, Type result) {
        if (t.isError()) {
            return;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0012, arg.span(), "mismatched types")
                .label("expected " + describe(alternatives) + ", found `" + t + "`");
        if (in.typing(Typing.CONVERSION)) {
            if (t.equals(result)) {
                d.help("`" + SourceText.or(arg, "…") + "` is already " + Names.a(result) + "; remove the conversion");
            } else {
                d.note("the signature is `" + in.signature() + "`");
            }
        } else {
            d.note("the signature is `" + in.signature() + "`");
            if (t instanceof Type.UnionType u && u.contains(Type.NULL)) {
                d.help("`" + SourceText.or(arg, "…") + "` may be `null`: match on it first (`value: " + u.withoutNull()
                        + " -> …` and `null -> …`)");
            }
        }
        cx.report(d);
    }

    /**
     * "`String`, `Bytes`, a list or a map"; a single type beside a list or a map takes its article ("a list or a
     * `String`").
     */
    private static String describe(List<TypeTerm> alternatives) {
        boolean besideContainer = alternatives.size() == 2
                && alternatives.stream().anyMatch(t -> t instanceof TypeTerm.ListOf || t instanceof TypeTerm.MapOf);
        List<String> parts = alternatives.stream().map(t -> switch (t) {
            case TypeTerm.ListOf l -> "a list";
            case TypeTerm.MapOf m -> "a map";
            default -> besideContainer ? Names.a(t) : "`" + t + "`";
        }).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    /** {@link Typing#LIST_FROM_ITEM}: {@code append(list, item)}. */
    private Type append(Expr list, Expr item, IntrinsicDef in, Type expected) {
        Type t;
        if (ExprChecker.needsContext(list)) {
            if (expected != null && ExprChecker.shape(expected, Type.ListType.class) != null) {
                t = ex.check(list, expected);
            } else {
                Type element = ex.infer(item);
                return element.isError() ? ex.inferLoose(list) : ex.check(list, Type.list(element));
            }
        } else {
            t = ex.infer(list);
        }
        if (t instanceof Type.ListType l) {
            ex.check(item, l.element());
            return l;
        }
        mismatch(list, t, in, in.forms().get(0).params().get(0).choices(), Type.ERROR);
        ex.inferLoose(item);
        return Type.ERROR;
    }

    /** A {@code schema T} parameter: {@code validate(schema T, value)}. */
    private Type validate(Expr schema, Expr value) {
        if (!(schema instanceof Expr.SchemaRef ref)) {
            Type t = ex.inferLoose(schema);
            if (!t.isError()) {
                cx.report(Diagnostic.error(Code.E0012, schema.span(), "mismatched types")
                        .label("expected a schema, found `" + t + "`")
                        .help("name the type to validate against: `validate(schema T, " + SourceText.or(value, "value")
                                + ")`"));
            }
            ex.inferLoose(value);
            return Type.ERROR;
        }
        Type target = cx.types.resolve(ref.type());
        cx.out.types.put(schema, target);
        Type t = ex.infer(value);
        ex.jsonSource(value, t, "`validate`", target);
        return target.isError() ? Type.ERROR : Type.result(target, RecordType.VALIDATION_ERROR);
    }

    /** E0032 for a literal pattern that java.util.regex rejects. */
    private void regex(Expr pattern) {
        if (!(pattern instanceof Expr.Str s) || s.parts().stream().anyMatch(p -> p instanceof Expr.Interp)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        s.parts().forEach(p -> text.append(((Expr.Text) p).text()));
        try {
            Pattern.compile(text.toString());
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "";
            cx.report(Diagnostic.error(Code.E0032, s.span(), "invalid regular expression")
                    .label(e.getDescription() + where)
                    .note("patterns use java.util.regex syntax; a literal `\\` is written `\\\\` in a Lumen string")
                    .help(hint(e.getDescription())));
        }
    }

    private static String hint(String description) {
        if (description.startsWith("Unclosed character class")) {
            return "close the character class with `]`";
        }
        if (description.startsWith("Unclosed group")) {
            return "close the group with `)`";
        }
        if (description.startsWith("Dangling meta character")) {
            return "escape the character to match it literally, e.g. `\\\\*`";
        }
        return "fix the pattern, or escape special characters with `\\\\`";
    }
}
