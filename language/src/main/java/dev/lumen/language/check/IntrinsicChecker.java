package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Argument and result types of the intrinsics, several of which are generic over their first argument. */
final class IntrinsicChecker {
    private final ExprChecker ex;
    private final Context cx;

    IntrinsicChecker(ExprChecker ex) {
        this.ex = ex;
        this.cx = ex.cx;
    }

    Type call(Expr.Call c, Intrinsics.Intrinsic in, Type expected) {
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
        return switch (in.name()) {
            case "length" -> {
                Type t = ex.infer(args.get(0));
                yield expectShape(args.get(0), t, in, "`String`, `Bytes`, a list or a map",
                        t == Type.STRING || t == Type.BYTES || t instanceof Type.ListType || t instanceof Type.MapType)
                        ? Type.INT : Type.ERROR;
            }
            case "count" -> {
                Type t = ex.infer(args.get(0));
                if (t instanceof Type.ListType l) {
                    ex.check(args.get(1), l.element());
                } else if (t == Type.STRING || t.isError()) {
                    ex.check(args.get(1), t.isError() ? null : Type.STRING);
                } else {
                    expectShape(args.get(0), t, in, "a list or a `String`", false);
                    ex.inferLoose(args.get(1));
                    yield Type.ERROR;
                }
                yield Type.INT;
            }
            case "matches" -> {
                ex.check(args.get(0), Type.STRING);
                ex.check(args.get(1), Type.STRING);
                regex(args.get(1));
                yield Type.BOOL;
            }
            case "to_string", "hash" -> {
                ex.infer(args.get(0));
                yield Type.STRING;
            }
            case "to_json" -> {
                ex.infer(args.get(0));
                yield Type.JSON;
            }
            case "to_int" -> conversion(args.get(0), in, Type.INT, Type.STRING, Type.FLOAT);
            case "to_float" -> conversion(args.get(0), in, Type.FLOAT, Type.INT, Type.STRING);
            case "diff" -> {
                Type t = ex.infer(args.get(0));
                ex.check(args.get(1), t.isError() ? null : t);
                yield Type.list(RecordType.PATCH);
            }
            case "patch" -> {
                Type t = generic(args.get(0), expected);
                ex.check(args.get(1), Type.list(RecordType.PATCH));
                yield t;
            }
            case "redact" -> {
                Type t = generic(args.get(0), expected);
                ex.check(args.get(1), Type.list(Type.STRING));
                yield t;
            }
            case "trace_ref" -> RecordType.TRACE_REF;
            case "validate" -> validate(args.get(0), args.get(1));
            case "append" -> append(args.get(0), args.get(1), in, expected);
            case "keys", "values" -> {
                Type t = ex.infer(args.get(0));
                if (t instanceof Type.MapType m) {
                    yield in.name().equals("keys") ? Type.list(Type.STRING) : Type.list(m.value());
                }
                expectShape(args.get(0), t, in, "a map", false);
                yield Type.ERROR;
            }
            case "get" -> {
                Type t = ex.infer(args.get(0));
                ex.check(args.get(1), Type.STRING);
                if (t instanceof Type.MapType m) {
                    ex.check(args.get(2), m.value());
                    yield m.value();
                }
                expectShape(args.get(0), t, in, "a map", false);
                ex.inferLoose(args.get(2));
                yield Type.ERROR;
            }
            case "range" -> {
                ex.check(args.get(0), Type.INT);
                ex.check(args.get(1), Type.INT);
                yield Type.list(Type.INT);
            }
            case "join" -> {
                ex.check(args.get(0), Type.list(Type.STRING));
                ex.check(args.get(1), Type.STRING);
                yield Type.STRING;
            }
            case "split" -> {
                ex.check(args.get(0), Type.STRING);
                ex.check(args.get(1), Type.STRING);
                yield Type.list(Type.STRING);
            }
            case "trim", "lower", "upper" -> {
                ex.check(args.get(0), Type.STRING);
                yield Type.STRING;
            }
            case "starts_with", "ends_with" -> {
                ex.check(args.get(0), Type.STRING);
                ex.check(args.get(1), Type.STRING);
                yield Type.BOOL;
            }
            case "replace" -> {
                args.forEach(a -> ex.check(a, Type.STRING));
                yield Type.STRING;
            }
            case "slice" -> {
                Type t = generic(args.get(0), expected);
                ex.check(args.get(1), Type.INT);
                ex.check(args.get(2), Type.INT);
                yield expectShape(args.get(0), t, in, "a `String` or a list", t == Type.STRING
                        || t instanceof Type.ListType) ? t : Type.ERROR;
            }
            case "abs" -> {
                Type t = ex.infer(args.get(0));
                yield expectShape(args.get(0), t, in, "`Int` or `Float`", t.isNumeric()) ? t : Type.ERROR;
            }
            case "min", "max" -> {
                Type t = ex.infer(args.get(0));
                if (!expectShape(args.get(0), t, in, "`Int` or `Float`", t.isNumeric())) {
                    ex.inferLoose(args.get(1));
                    yield Type.ERROR;
                }
                ex.check(args.get(1), t, new Mismatch.Reason(args.get(0).span(), "both arguments must have this type"));
                yield t;
            }
            default -> throw new IllegalStateException("intrinsic without a checker: " + in.name());
        };
    }

    /** The first argument of a generic intrinsic: from the expected result type when it needs context. */
    private Type generic(Expr arg, Type expected) {
        if (ExprChecker.needsContext(arg) && expected != null) {
            return ex.check(arg, expected);
        }
        return ex.infer(arg);
    }

    /** Reports E0012 when {@code ok} is false (and the type is not Error); returns {@code ok}. */
    private boolean expectShape(Expr arg, Type t, Intrinsics.Intrinsic in, String wanted, boolean ok) {
        if (ok || t.isError()) {
            return ok;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0012, arg.span(), "mismatched types")
                .label("expected " + wanted + ", found `" + t + "`")
                .note("the signature is `" + in.signature() + "`");
        if (t instanceof Type.UnionType u && u.contains(Type.NULL)) {
            d.help("`" + SourceText.or(arg, "…") + "` may be `null`: match on it first (`value: " + u.withoutNull()
                    + " -> …` and `null -> …`)");
        }
        cx.report(d);
        return false;
    }

    private Type conversion(Expr arg, Intrinsics.Intrinsic in, Type result, Type a, Type b) {
        Type t = ex.infer(arg);
        if (t.isError() || t == a || t == b) {
            return result;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0012, arg.span(), "mismatched types")
                .label("expected `" + a + "` or `" + b + "`, found `" + t + "`");
        if (t == result) {
            d.help("`" + SourceText.or(arg, "…") + "` is already " + Names.a(result) + "; remove the conversion");
        } else {
            d.note("the signature is `" + in.signature() + "`");
        }
        cx.report(d);
        return result;
    }

    private Type append(Expr list, Expr item, Intrinsics.Intrinsic in, Type expected) {
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
        expectShape(list, t, in, "a list", false);
        ex.inferLoose(item);
        return Type.ERROR;
    }

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
