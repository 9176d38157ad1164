package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Nesting;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bidirectional expression checking: {@link #check} an expression against an expected type, or
 * {@link #infer} its type. Forms that need context (`[]`, `{}`, `ok(e)`, `err(e)`) take their type from the
 * expectation. Every expression's type is recorded in the {@link CheckedProgram}; an expression that was
 * reported gets the Error type, which silences every check that involves it.
 */
final class ExprChecker {
    static final List<String> ROLES = List.of("system", "user", "assistant", "tool");

    final Context cx;
    /** The innermost scope of local names; the statement checker moves it as blocks open and close. */
    Scope scope;
    /** The cell being checked, or null inside a `where` constraint. */
    final CellInfo cell;
    /** The record whose `where` constraint is being checked, or null. */
    final RecordInfo constraintOf;
    /**
     * How many calls that may have an effect (cells, tools, impure built-ins, unresolved callees) were
     * checked so far: a value computed without one is pure.
     */
    int effectfulCalls;
    private final Operators operators;
    private final Calls calls;

    ExprChecker(Context cx, Scope scope, CellInfo cell, RecordInfo constraintOf) {
        this.cx = cx;
        this.scope = scope;
        this.cell = cell;
        this.constraintOf = constraintOf;
        this.operators = new Operators(this);
        this.calls = new Calls(this);
    }

    boolean inConstraint() {
        return constraintOf != null;
    }

    Type infer(Expr e) {
        return check(e, null, null);
    }

    Type check(Expr e, Type expected) {
        return check(e, expected, null);
    }

    /** Checks {@code e} against {@code expected} (null: infer), reporting E0012 on a mismatch. */
    Type check(Expr e, Type expected, Mismatch.Reason reason) {
        Type t = synth(e, expected);
        if (Type.nestsDeeperThan(t, Nesting.LIMIT)) {
            // Types grow without the code nesting (`let b = [a]` on each line); every pass after this one
            // walks them by recursion, and LIR cannot hold deeper ones.
            cx.report(Nesting.typeDiagnostic(e.span()));
            t = Type.ERROR;
        }
        cx.out.types.put(e, t);
        if (expected != null && !Type.assignable(t, expected)) {
            Mismatch.report(cx, e, expected, t, reason);
        }
        return t;
    }

    /** Infers an expression whose type nothing constrains, without E0025 for forms that need context. */
    Type inferLoose(Expr e) {
        if (needsContext(e)) {
            cx.out.types.put(e, Type.ERROR);
            return Type.ERROR;
        }
        return infer(e);
    }

    /** Whether the expression's type comes from its context: `[]`, `{}`, `ok(…)`, `err(…)`. */
    static boolean needsContext(Expr e) {
        return switch (e) {
            case Expr.ListLit l -> l.elements().isEmpty();
            case Expr.MapLit m -> m.entries().isEmpty();
            case Expr.Call c -> c.callee() instanceof Expr.Name n
                    && (n.name().name().equals("ok") || n.name().name().equals("err"));
            default -> false;
        };
    }

    /** The member of an expected type that has the given shape: the type itself or one union member. */
    static <T extends Type> T shape(Type expected, Class<T> kind) {
        if (kind.isInstance(expected)) {
            return kind.cast(expected);
        }
        if (expected instanceof Type.UnionType u) {
            T found = null;
            for (Type m : u.members()) {
                if (kind.isInstance(m)) {
                    if (found != null) {
                        return null;
                    }
                    found = kind.cast(m);
                }
            }
            return found;
        }
        return null;
    }

    private Type synth(Expr e, Type expected) {
        return switch (e) {
            case Expr.IntLit i -> Type.INT;
            case Expr.FloatLit f -> Type.FLOAT;
            case Expr.BoolLit b -> Type.BOOL;
            case Expr.NullLit n -> Type.NULL;
            case Expr.Str s -> string(s);
            case Expr.Name n -> name(n);
            case Expr.ListLit l -> list(l, expected);
            case Expr.MapLit m -> map(m, expected);
            case Expr.RecordLit r -> record(r);
            case Expr.Binary b -> operators.binary(b);
            case Expr.Unary u -> operators.unary(u);
            case Expr.Call c -> calls.call(c, expected);
            case Expr.Index i -> index(i);
            case Expr.Field f -> field(f);
            case Expr.Expect x -> expect(x);
            case Expr.Repair r -> calls.repair(r);
            case Expr.SchemaRef s -> {
                cx.types.resolve(s.type());
                cx.report(Diagnostic.error(Code.E0007, s.span(), "`schema " + SourceText.type(s.type())
                                + "` is only allowed as the first argument of `validate`")
                        .label("schema reference outside `validate`")
                        .help("validate a value with `validate(schema " + SourceText.type(s.type()) + ", value)`, "
                                + "or use `value expect schema " + SourceText.type(s.type()) + "`"));
                yield Type.ERROR;
            }
            case Expr.Role r -> role(r);
            case Expr.Error x -> Type.ERROR;
        };
    }

    // ---- strings and roles -------------------------------------------------------------------

    private Type string(Expr.Str s) {
        for (Expr.StrPart part : s.parts()) {
            if (part instanceof Expr.Interp i) {
                interpolation(i.expr());
            }
        }
        return Type.STRING;
    }

    /**
     * Interpolated values must have a canonical text: String, Int, Float, Bool, Null, an enum (its variant's name)
     * or a union of them.
     */
    private void interpolation(Expr e) {
        Type t = infer(e);
        if (interpolatable(t)) {
            return;
        }
        String x = SourceText.or(e, "…");
        cx.report(Diagnostic.error(Code.E0012, e.span(), "cannot interpolate a value of type `" + t + "`")
                .label("`" + t + "` has no canonical text")
                .note("interpolation inserts `String`, `Int`, `Float`, `Bool`, `null` and enum values")
                .help("convert it explicitly: `{to_string(" + x + ")}`"));
    }

    static boolean interpolatable(Type t) {
        if (t.isError()) {
            return true;
        }
        for (Type m : t.alternatives()) {
            if (!(m == Type.STRING || m == Type.INT || m == Type.FLOAT || m == Type.BOOL || m == Type.NULL
                    || m instanceof EnumType)) {
                return false;
            }
        }
        return true;
    }

    private Type role(Expr.Role r) {
        String name = r.role().name();
        if (!ROLES.contains(name)) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0013, r.role().span(), "unknown role `" + name + "`")
                    .label("not a role");
            if (!Names.suggest(d, name, ROLES)) {
                d.help("the roles are `system`, `user`, `assistant` and `tool`");
            }
            cx.report(d);
        }
        if (r.text() != null) {
            check(r.text(), Type.STRING);
        } else if (r.inline() != null) {
            check(r.inline(), Type.STRING);
        }
        return RecordType.ROLE_TEXT;
    }

    // ---- names -------------------------------------------------------------------------------

    private static final Map<String, String> FOREIGN_VALUES = Map.of("None", "null", "nil", "null", "Nil", "null",
            "undefined", "null", "True", "true", "False", "false", "NULL", "null");

    private Type name(Expr.Name n) {
        String name = n.name().name();
        Binding b = scope.lookup(name);
        if (b != null) {
            b.markRead();
            cx.out.names.put(n, b);
            return b.type();
        }
        notAValue(n.name());
        return Type.ERROR;
    }

    /** Reports a name used as a value that is not a local binding. */
    void notAValue(Ident id) {
        String name = id.name();
        Span at = id.span();
        if (cx.symbols.tool(name) != null) {
            ToolAlias t = cx.symbols.tool(name);
            cx.report(Diagnostic.error(Code.E0046, at, "tool `" + name + "` can only be called")
                    .label("used as a value")
                    .help(t.isMcp() ? "call one of its tools: `" + name + ".<tool>(…)`" : "call it: `" + name + "(…)`"));
            return;
        }
        Diagnostic.Builder d;
        if (cx.symbols.enumeration(name) != null) {
            EnumType e = cx.symbols.enumeration(name).type();
            d = Diagnostic.error(Code.E0013, at, "`" + name + "` is an enum, not a value").label("enum type");
            if (!e.variants().isEmpty()) {
                d.help("write one of its variants, e.g. `" + name + "." + e.variants().get(0) + "`");
            }
        } else if (cx.symbols.record(name) != null || TypeResolver.BUILTIN_NAMES.contains(name)) {
            d = Diagnostic.error(Code.E0013, at, "`" + name + "` is a type, not a value").label("type name");
            if (cx.symbols.record(name) != null) {
                d.help("build a record with `" + name + " { field: value, … }`");
            }
        } else if (cx.symbols.cell(name) != null || Intrinsics.find(name) != null) {
            d = Diagnostic.error(Code.E0013, at, "`" + name + "` is " + (cx.symbols.cell(name) != null ? "a cell"
                            : "a built-in function") + ", not a value")
                    .label("cells are not values")
                    .help("call it: `" + name + "(…)`");
        } else {
            d = Diagnostic.error(Code.E0013, at, "cannot find `" + name + "` in this scope")
                    .label("not found in this scope");
            String foreign = FOREIGN_VALUES.get(name);
            if (foreign != null) {
                Names.didYouMean(d, name, foreign);
            } else if (!Names.suggest(d, name, valueCandidates())) {
                if (inConstraint()) {
                    d.help("a `where` constraint can use the fields of `" + constraintOf.name() + "`: "
                            + Names.plainList(constraintOf.fields().stream().map(RecordInfo.Field::name).toList()));
                } else if (name.equals("self") || name.equals("this")) {
                    d.help("Lumen has no `" + name + "`; values are passed to cells as parameters");
                }
            }
        }
        cx.report(d);
    }

    private List<String> valueCandidates() {
        List<String> c = new ArrayList<>(scope.visibleNames());
        if (!inConstraint()) {
            c.addAll(cx.symbols.cells.keySet());
            c.addAll(cx.symbols.tools.keySet());
        }
        c.addAll(cx.symbols.enums.keySet());
        c.addAll(Intrinsics.names());
        c.addAll(List.of("true", "false", "null"));
        return c;
    }

    // ---- literals ----------------------------------------------------------------------------

    private Type list(Expr.ListLit l, Type expected) {
        Type.ListType target = expected == null ? null : shape(expected, Type.ListType.class);
        if (target != null) {
            for (Expr el : l.elements()) {
                check(el, target.element());
            }
            return target;
        }
        if (l.elements().isEmpty()) {
            cx.report(Diagnostic.error(Code.E0025, l.span(), "cannot infer the type of an empty list")
                    .label("element type unknown")
                    .help("give it a type, e.g. `let items: list[String] = []`"));
            return Type.ERROR;
        }
        Expr first = l.elements().get(0);
        Type element = infer(first);
        if (element.isError()) {
            l.elements().subList(1, l.elements().size()).forEach(this::inferLoose);
            return Type.ERROR;
        }
        Mismatch.Reason reason = new Mismatch.Reason(first.span(), "the first element makes this a `list[" + element
                + "]`");
        for (Expr el : l.elements().subList(1, l.elements().size())) {
            Type t = check(el, element, reason);
            if (!Type.assignable(t, element)) {
                return Type.ERROR;
            }
        }
        return Type.list(element);
    }

    private Type map(Expr.MapLit m, Type expected) {
        Type.MapType target = expected == null ? null : shape(expected, Type.MapType.class);
        for (Expr.MapEntry e : m.entries()) {
            check(e.key(), Type.STRING, null);
        }
        if (target != null) {
            for (Expr.MapEntry e : m.entries()) {
                check(e.value(), target.value());
            }
            return target;
        }
        if (m.entries().isEmpty()) {
            cx.report(Diagnostic.error(Code.E0025, m.span(), "cannot infer the type of an empty map")
                    .label("value type unknown")
                    .help("give it a type, e.g. `let counts: map[String, Int] = {}`"));
            return Type.ERROR;
        }
        Expr first = m.entries().get(0).value();
        Type value = infer(first);
        if (value.isError()) {
            m.entries().subList(1, m.entries().size()).forEach(e -> inferLoose(e.value()));
            return Type.ERROR;
        }
        Mismatch.Reason reason = new Mismatch.Reason(first.span(), "the first value makes this a `map[String, "
                + value + "]`");
        for (Expr.MapEntry e : m.entries().subList(1, m.entries().size())) {
            if (!Type.assignable(check(e.value(), value, reason), value)) {
                return Type.ERROR;
            }
        }
        return Type.map(value);
    }

    private Type record(Expr.RecordLit r) {
        String name = r.type().name();
        RecordType type = null;
        if (cx.symbols.record(name) != null) {
            type = cx.symbols.record(name).type();
        } else {
            for (RecordType b : RecordType.BUILTINS) {
                if (b.name().equals(name)) {
                    type = b;
                }
            }
        }
        if (type == null && cx.symbols.dropped(name, dev.lumen.language.ast.Decl.Record.class)) {
            r.fields().forEach(f -> inferLoose(f.value()));
            return Type.ERROR;
        }
        if (type == null) {
            Diagnostic.Builder d;
            if (cx.symbols.enumeration(name) != null) {
                d = Diagnostic.error(Code.E0014, r.type().span(), "`" + name + "` is an enum, not a record")
                        .label("not a record type");
                EnumType e = cx.symbols.enumeration(name).type();
                if (!e.variants().isEmpty()) {
                    d.help("write one of its variants, e.g. `" + name + "." + e.variants().get(0) + "`");
                }
            } else {
                d = Diagnostic.error(Code.E0014, r.type().span(), "unknown record `" + name + "`")
                        .label("not a known record");
                List<String> records = new ArrayList<>(cx.symbols.records.keySet());
                RecordType.BUILTINS.forEach(b -> records.add(b.name()));
                if (!Names.suggest(d, name, records)) {
                    d.help("declare it with `record " + name + "` … `end`");
                }
            }
            cx.report(d);
            r.fields().forEach(f -> inferLoose(f.value()));
            return Type.ERROR;
        }
        Map<String, Ident> given = new LinkedHashMap<>();
        List<Ident> unknown = new ArrayList<>();
        for (Expr.FieldInit f : r.fields()) {
            String fname = f.name().name();
            Type ft = type.fields().get(fname);
            if (given.containsKey(fname)) {
                cx.report(Diagnostic.error(Code.E0030, f.name().span(), "field `" + fname + "` is given twice")
                        .label("given again here")
                        .secondary(given.get(fname).span(), "first given here")
                        .help("remove one of them"));
                inferLoose(f.value());
                continue;
            }
            given.put(fname, f.name());
            if (ft == null) {
                unknown.add(f.name());
                inferLoose(f.value());
                continue;
            }
            check(f.value(), ft);
        }
        List<String> missing = type.fields().keySet().stream().filter(f -> !given.containsKey(f)).toList();
        missing = unknownFields(unknown, type, missing);
        if (!missing.isEmpty()) {
            String list = Names.quotedList(missing);
            String fix = String.join(", ", missing.stream().map(f -> f + ": …").toList());
            Diagnostic.Builder d = Diagnostic.error(Code.E0030, r.type().span(),
                            "missing " + (missing.size() == 1 ? "field " : "fields ") + list + " in `" + name + "` literal")
                    .label("missing " + list)
                    .help("add " + (missing.size() == 1 ? "it" : "them") + ": `" + fix + "`");
            Map<String, Type> fieldTypes = type.fields();
            if (missing.stream().anyMatch(m -> fieldTypes.get(m).alternatives().contains(Type.NULL))) {
                d.note("a field that may be `null` is still written out: `field: null`");
            }
            cx.report(d);
        }
        return type;
    }

    /**
     * E0015 for the unknown fields of a record literal. A misspelt field is usually one of the fields the
     * literal leaves out, so those are suggested first, and a missing field an unknown one was taken for is
     * not reported again as missing. Returns the missing fields still to report as E0030: none when an
     * unknown field's help already lists them.
     */
    private List<String> unknownFields(List<Ident> unknown, RecordType type, List<String> missing) {
        if (unknown.isEmpty()) {
            return missing;
        }
        List<String> unclaimed = new ArrayList<>(missing);
        Map<Ident, String> meant = new LinkedHashMap<>();
        for (Ident u : unknown) {
            Names.closest(u.name(), unclaimed).ifPresent(m -> {
                meant.put(u, m);
                unclaimed.remove(m);
            });
        }
        boolean listed = false;
        for (Ident u : unknown) {
            String where = "record `" + type + "`";
            Diagnostic.Builder d = Diagnostic.error(Code.E0015, u.span(), "no field `" + u.name() + "` on " + where)
                    .label("unknown field");
            if (meant.containsKey(u)) {
                Names.didYouMean(d, u.name(), meant.get(u));
            } else if (!unclaimed.isEmpty()) {
                listed = true;
                d.help("`" + type + "` still needs " + Names.quotedList(unclaimed));
            } else if (!Names.suggest(d, u.name(), type.fields().keySet())) {
                d.help("available fields: " + Names.plainList(type.fields().keySet()));
            }
            cx.report(d);
        }
        return listed ? List.of() : unclaimed;
    }

    /** E0015 "no field `x` on record `R`" with did-you-mean, or the list of fields. */
    void unknownField(Ident field, RecordType type) {
        String where = type.isStructural() ? "`" + type + "`" : "record `" + type + "`";
        Diagnostic.Builder d = Diagnostic.error(Code.E0015, field.span(), "no field `" + field.name() + "` on " + where)
                .label("unknown field");
        if (!Names.suggest(d, field.name(), type.fields().keySet())) {
            d.help("available fields: " + Names.plainList(type.fields().keySet()));
        }
        cx.report(d);
    }

    // ---- access ------------------------------------------------------------------------------

    private Type index(Expr.Index i) {
        Type t = infer(i.target());
        if (t.isError()) {
            inferLoose(i.index());
            return Type.ERROR;
        }
        if (t instanceof Type.ListType l) {
            check(i.index(), Type.INT);
            return l.element();
        }
        if (t instanceof Type.MapType m) {
            check(i.index(), Type.STRING);
            return m.value();
        }
        inferLoose(i.index());
        String x = SourceText.or(i.target(), "…");
        Diagnostic.Builder d = Diagnostic.error(Code.E0029, i.span(), "cannot index into a value of type `" + t + "`")
                .label("`" + x + "` is `" + t + "`");
        if (t == Type.STRING) {
            d.help("take a piece of a string with `slice(" + x + ", start, end)`");
        } else {
            hintForOpaque(d, t, x);
        }
        cx.report(d);
        return Type.ERROR;
    }

    private void hintForOpaque(Diagnostic.Builder d, Type t, String x) {
        if (t == Type.JSON) {
            d.help("`Json` is opaque: validate it with `" + x + " expect schema T` to get a typed value");
        } else if (t instanceof Type.UnionType u && u.contains(Type.NULL)) {
            d.help("`" + x + "` may be `null`: match on it first (`value: " + u.withoutNull() + " -> …` and `null -> …`)");
        } else if (t instanceof Type.UnionType) {
            d.help("match on `" + x + "` to handle each of its types");
        } else if (t instanceof Type.ResultType r) {
            d.help("match on the result first: `ok(value) -> …`, `err(e) -> …`");
        }
    }

    private Type field(Expr.Field f) {
        Ident fieldName = f.field();
        if (f.target() instanceof Expr.Name n && scope.lookup(n.name().name()) == null) {
            String name = n.name().name();
            EnumInfo en = cx.symbols.enumeration(name);
            if (en != null) {
                EnumType e = en.type();
                if (!e.hasVariant(fieldName.name())) {
                    Diagnostic.Builder d = Diagnostic.error(Code.E0015, fieldName.span(),
                            "no variant `" + fieldName.name() + "` on enum `" + name + "`").label("unknown variant");
                    if (!Names.suggest(d, fieldName.name(), e.variants())) {
                        d.help("variants: " + Names.plainList(e.variants()));
                    }
                    cx.report(d);
                    return Type.ERROR;
                }
                cx.out.types.put(n, e);
                cx.out.fields.put(f, new FieldRef.EnumVariant(e, fieldName.name(), e.ordinal(fieldName.name())));
                return e;
            }
            ToolAlias tool = cx.symbols.tool(name);
            if (tool != null) {
                cx.report(Diagnostic.error(Code.E0046, f.span(), "tool `" + name + "." + fieldName.name()
                                + "` can only be called")
                        .label("used as a value")
                        .help(tool.isMcp() ? "call it: `" + name + "." + fieldName.name() + "(…)`"
                                : "`" + name + "` is a native tool; call it: `" + name + "(…)`"));
                return Type.ERROR;
            }
        }
        Type t = infer(f.target());
        if (t.isError()) {
            return Type.ERROR;
        }
        if (t instanceof RecordType r) {
            Type ft = r.fields().get(fieldName.name());
            if (ft == null) {
                unknownField(fieldName, r);
                return Type.ERROR;
            }
            cx.out.fields.put(f, new FieldRef.RecordField(r, fieldName.name(), r.fieldIndex(fieldName.name())));
            return ft;
        }
        String x = SourceText.or(f.target(), "…");
        Diagnostic.Builder d = Diagnostic.error(Code.E0029, fieldName.span(),
                        "no field `" + fieldName.name() + "` on `" + t + "`")
                .label(t instanceof Type.UnionType u && u.contains(Type.NULL) ? "`" + x + "` may be `null`"
                        : "`" + t + "` has no fields");
        String fn = fieldName.name();
        if (List.of("length", "len", "size", "count").contains(fn)) {
            d.help("use `length(" + x + ")`");
        } else if (Intrinsics.find(fn) != null && Intrinsics.find(fn).arity() >= 1) {
            d.help("Lumen has no methods; call the built-in function: `" + fn + "(" + x + (Intrinsics.find(fn).arity() > 1
                    ? ", …" : "") + ")`");
        } else {
            hintForOpaque(d, t, x);
        }
        cx.report(d);
        return Type.ERROR;
    }

    // ---- validation --------------------------------------------------------------------------

    private Type expect(Expr.Expect x) {
        Type schema = cx.types.resolve(x.schema());
        Type value = infer(x.value());
        jsonSource(x.value(), value, x.soft() ? "`validate`" : "`expect schema`", schema);
        if (x.retries() > 0) {
            repairable(x);
        }
        return x.soft() ? Type.result(schema, RecordType.VALIDATION_ERROR) : schema;
    }

    /** E0060 unless the value of a repair loop is a direct call of an `llm.chat` import: only a model is asked again. */
    private void repairable(Expr.Expect x) {
        if (x.value() instanceof Expr.Call c && cx.out.calls.get(c) instanceof CallTarget.Tool t
                && "llm.chat".equals(t.alias().toolId())) {
            return;
        }
        cx.report(Diagnostic.error(Code.E0060, x.value().span(),
                        "`on_fail retry` asks a model again, and this is not a call of an `llm.chat` tool")
                .label("not a model call")
                .note("a retry sends the conversation back with the reply's validation errors; only `llm.chat` "
                        + "has a conversation")
                .help(x.soft() ? "call the model inside it: `validate(schema T, Chat(role user: …))`, or drop `on_fail`"
                        : "call the model in the same expression: `let x = Chat(role user: …) expect schema T`, or "
                        + "drop `on_fail` and `match validate(schema T, value)`"));
    }

    /** E0033 unless the value is JSON text (String) or a Json value. */
    void jsonSource(Expr value, Type t, String what, Type schema) {
        if (t.isError() || t == Type.STRING || t == Type.JSON) {
            return;
        }
        String x = SourceText.or(value, "…");
        Diagnostic.Builder d = Diagnostic.error(Code.E0033, value.span(),
                        what + " reads JSON text or a `Json` value, found `" + t + "`")
                .label("this is `" + t + "`");
        if (t.equals(schema)) {
            d.help("`" + x + "` is already " + Names.a(t) + "; no validation is needed");
        } else if (t == Type.BYTES) {
            d.help("decode it first: `to_string(" + x + ")`");
        } else {
            d.note("schema validation checks data from outside the program: tool output or JSON text");
        }
        cx.report(d);
    }
}
