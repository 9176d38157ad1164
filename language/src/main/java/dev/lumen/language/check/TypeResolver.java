package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns written types into semantic types: E0014 for unknown names (with did-you-mean), E0028 for unions
 * that validation could not tell apart, E0012 for a map key type other than String. Also resolves the
 * signatures of records and cells and rejects records that contain themselves without indirection (E0027).
 */
final class TypeResolver {
    static final List<String> BUILTIN_NAMES = List.of("String", "Int", "Float", "Bool", "Bytes", "Json", "Null",
            "RoleText", "ValidationError", "FieldError", "Patch", "TraceRef", "ToolError", "McpBlock", "McpContent");
    static final List<String> TYPE_CONSTRUCTORS = List.of("list", "map", "result");

    /** Names from other languages and their Lumen spelling. */
    private static final Map<String, String> FOREIGN = Map.ofEntries(
            Map.entry("int", "Int"), Map.entry("Integer", "Int"), Map.entry("integer", "Int"), Map.entry("Long", "Int"),
            Map.entry("long", "Int"), Map.entry("i64", "Int"), Map.entry("i32", "Int"), Map.entry("str", "String"),
            Map.entry("string", "String"), Map.entry("Str", "String"), Map.entry("Text", "String"),
            Map.entry("bool", "Bool"), Map.entry("Boolean", "Bool"), Map.entry("boolean", "Bool"),
            Map.entry("float", "Float"), Map.entry("double", "Float"), Map.entry("Double", "Float"),
            Map.entry("f64", "Float"), Map.entry("Number", "Float"), Map.entry("number", "Float"),
            Map.entry("bytes", "Bytes"), Map.entry("json", "Json"), Map.entry("JSON", "Json"),
            Map.entry("null", "Null"), Map.entry("None", "Null"), Map.entry("Nil", "Null"), Map.entry("nil", "Null"),
            Map.entry("Unit", "Null"), Map.entry("Void", "Null"), Map.entry("void", "Null"));

    private final Context cx;

    TypeResolver(Context cx) {
        this.cx = cx;
    }

    // ---- written types -----------------------------------------------------------------------

    /** Resolves a written type, reporting problems; the result is Error when the type is unusable. */
    Type resolve(TypeExpr t) {
        Type result = resolve(t, true);
        cx.out.typeExprs.put(t, result);
        return result;
    }

    /** A type from a tool manifest: only built-in types, never reported; null when it is not one. */
    static Type builtin(TypeExpr t) {
        Type r = new TypeResolver(null).resolve(t, false);
        return r.isError() ? null : r;
    }

    private Type resolve(TypeExpr t, boolean report) {
        Type result = switch (t) {
            case TypeExpr.Named n -> named(n.name(), report);
            case TypeExpr.ListOf l -> {
                Type e = resolve(l.element(), report);
                yield e.isError() ? Type.ERROR : Type.list(e);
            }
            case TypeExpr.MapOf m -> {
                Type k = resolve(m.key(), report);
                Type v = resolve(m.value(), report);
                if (!k.isError() && k != Type.STRING) {
                    if (report) {
                        cx.report(Diagnostic.error(Code.E0012, m.key().span(), "map keys are always `String`")
                                .label("expected `String`, found `" + k + "`")
                                .help("write `map[String, " + v + "]`; convert keys with `to_string(…)`"));
                    }
                    yield Type.ERROR;
                }
                yield k.isError() || v.isError() ? Type.ERROR : Type.map(v);
            }
            case TypeExpr.Result r -> {
                Type ok = resolve(r.ok(), report);
                Type err = resolve(r.err(), report);
                yield ok.isError() || err.isError() ? Type.ERROR : Type.result(ok, err);
            }
            case TypeExpr.Union u -> union(u, report);
        };
        if (report && t != null) {
            cx.out.typeExprs.put(t, result);
        }
        return result;
    }

    private Type named(Ident name, boolean report) {
        String n = name.name();
        Type builtin = switch (n) {
            case "String" -> Type.STRING;
            case "Int" -> Type.INT;
            case "Float" -> Type.FLOAT;
            case "Bool" -> Type.BOOL;
            case "Bytes" -> Type.BYTES;
            case "Json" -> Type.JSON;
            case "Null" -> Type.NULL;
            default -> RecordType.BUILTINS.stream().filter(b -> b.name().equals(n)).findFirst().orElse(null);
        };
        if (builtin != null) {
            return builtin;
        }
        if (!report) {
            return Type.ERROR;
        }
        RecordInfo r = cx.symbols.record(n);
        if (r != null) {
            return r.type();
        }
        EnumInfo e = cx.symbols.enumeration(n);
        if (e != null) {
            return e.type();
        }
        if (!cx.symbols.dropped(n, Decl.Record.class) && !cx.symbols.dropped(n, Decl.Enum.class)) {
            unknownType(name);
        }
        return Type.ERROR;
    }

    private void unknownType(Ident name) {
        String n = name.name();
        Diagnostic.Builder d = Diagnostic.error(Code.E0014, name.span(), "unknown type `" + n + "`");
        if (TYPE_CONSTRUCTORS.contains(n)) {
            String example = switch (n) {
                case "list" -> "list[String]";
                case "map" -> "map[String, Int]";
                default -> "result[Invoice, ValidationError]";
            };
            cx.report(Diagnostic.error(Code.E0014, name.span(), "`" + n + "` needs type arguments")
                    .label("missing `[…]`")
                    .help("write the element types, e.g. `" + example + "`"));
            return;
        }
        if (cx.symbols.cell(n) != null || cx.symbols.tool(n) != null) {
            d.label("`" + n + "` is " + (cx.symbols.cell(n) != null ? "a cell" : "a tool alias") + ", not a type");
        } else {
            d.label("not a known type");
        }
        String foreign = FOREIGN.get(n);
        if (foreign != null) {
            Names.didYouMean(d, n, foreign);
        } else if (n.equals("Any") || n.equals("any") || n.equals("Object") || n.equals("Value")) {
            d.help("Lumen has no `" + n + "` type: use `Json` for arbitrary JSON, or a union such as `String | Int`");
        } else if (n.equals("Optional") || n.equals("Option") || n.equals("Maybe")) {
            d.help("an optional value is written as a union with `Null`, e.g. `String | Null`");
        } else if (n.equals("List") || n.equals("Array") || n.equals("Vec")) {
            d.help("lists are written `list[T]`, e.g. `list[String]`");
        } else if (n.equals("Map") || n.equals("Dict") || n.equals("HashMap") || n.equals("Object")) {
            d.help("maps are written `map[String, T]`, e.g. `map[String, Int]`");
        } else if (!Names.suggest(d, n, cx.symbols.typeNames())) {
            d.help("declare it with `record " + n + "` … `end` or `enum " + n + "` … `end`");
        }
        cx.report(d);
    }

    private Type union(TypeExpr.Union u, boolean report) {
        List<Type> members = new ArrayList<>();
        Map<Type, Span> where = new LinkedHashMap<>();
        boolean error = false;
        for (TypeExpr m : u.members()) {
            Type t = resolve(m, report);
            if (t.isError()) {
                error = true;
                continue;
            }
            for (Type part : t.alternatives()) {
                Span first = where.get(part);
                if (first != null) {
                    if (report) {
                        cx.report(Diagnostic.error(Code.E0028, m.span(),
                                        "`" + part + "` appears more than once in this union")
                                .label("repeated here")
                                .secondary(first, "first listed here")
                                .help("remove the repeated member"));
                    }
                    error = true;
                    continue;
                }
                if (part == Type.JSON) {
                    if (report) {
                        cx.report(Diagnostic.error(Code.E0028, m.span(), "a union cannot contain `Json`")
                                .label("`Json` in a union")
                                .note("`Json` accepts every value, so validation could not tell which member "
                                        + "a value belongs to")
                                .help("use `Json` on its own, or list the types the value can have"));
                    }
                    error = true;
                    continue;
                }
                where.put(part, m.span());
                members.add(part);
            }
        }
        if (error) {
            return Type.ERROR;
        }
        Type result = Type.union(members);
        if (report && !ambiguity(u, members, where).isEmpty()) {
            return Type.ERROR;
        }
        return result;
    }

    /**
     * Reports members that one JSON value could match at once; returns the reports made. Records are
     * compared when their fields are known, so user records are checked again by {@link #checkRecordUnions}.
     */
    private List<String> ambiguity(TypeExpr.Union u, List<Type> members, Map<Type, Span> where) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                Type a = members.get(i);
                Type b = members.get(j);
                String why = overlap(a, b);
                if (why != null) {
                    found.add(why);
                    cx.report(Diagnostic.error(Code.E0028, where.get(b), "ambiguous union `" + Type.union(members) + "`")
                            .label("`" + b + "` overlaps `" + a + "`")
                            .secondary(where.get(a), "`" + a + "` listed here")
                            .note(why)
                            .help("wrap one of them in a record with its own fields so every value matches "
                                    + "exactly one member"));
                }
            }
        }
        return found;
    }

    /** Why one JSON value could belong to both types, or null when they cannot overlap. */
    private static String overlap(Type a, Type b) {
        if (a instanceof Type.ListType && b instanceof Type.ListType) {
            return "an empty list `[]` is both " + Names.a(a) + " and " + Names.a(b);
        }
        if (a instanceof Type.MapType && b instanceof Type.MapType) {
            return "an empty map `{}` is both " + Names.a(a) + " and " + Names.a(b);
        }
        if (a instanceof Type.ResultType && b instanceof Type.ResultType) {
            return "a union can hold at most one `result` type";
        }
        if (a instanceof EnumType e && b == Type.STRING || b instanceof EnumType && a == Type.STRING) {
            EnumType en = a instanceof EnumType x ? x : (EnumType) b;
            return en.variants().isEmpty() ? null
                    : "the text \"" + en.variants().get(0) + "\" is both " + Names.a(en) + " and a `String`";
        }
        if (a instanceof EnumType ea && b instanceof EnumType eb) {
            for (String v : ea.variants()) {
                if (eb.hasVariant(v)) {
                    return "`" + v + "` is a variant of both `" + ea + "` and `" + eb + "`";
                }
            }
        }
        if (a instanceof RecordType ra && b instanceof RecordType rb && !ra.fields().isEmpty()
                && ra.fields().equals(rb.fields())) {
            return "`" + ra + "` and `" + rb + "` have the same fields, so a value could be either";
        }
        return null;
    }

    // ---- declarations ------------------------------------------------------------------------

    /** Resolves every record's fields, then checks for records that contain themselves. */
    void defineRecords() {
        for (RecordInfo r : cx.symbols.records.values()) {
            Map<String, Type> fields = new LinkedHashMap<>();
            Map<String, Ident> seen = new LinkedHashMap<>();
            for (Decl.Field f : r.decl().fields()) {
                Ident first = seen.get(f.name().name());
                Type t = resolve(f.type());
                if (first != null) {
                    cx.report(Diagnostic.error(Code.E0016, f.name().span(),
                                    "field `" + f.name().name() + "` is declared twice in record `" + r.name() + "`")
                            .label("declared again here")
                            .secondary(first.span(), "first declared here")
                            .help("remove one of them, or rename it"));
                    continue;
                }
                seen.put(f.name().name(), f.name());
                fields.put(f.name().name(), t);
                r.addField(new RecordInfo.Field(f.name().name(), t, f.constraint(), f));
            }
            r.type().define(fields);
        }
        checkRecordUnions();
        new RecordCycles(cx).check();
    }

    /** Unions written before the records they mention were defined: compare record fields now. */
    private void checkRecordUnions() {
        for (Map.Entry<TypeExpr, Type> e : new ArrayList<>(cx.out.typeExprs.entrySet())) {
            if (e.getKey() instanceof TypeExpr.Union u && e.getValue() instanceof Type.UnionType t) {
                List<Type> records = t.members().stream().filter(m -> m instanceof RecordType).toList();
                if (records.size() < 2) {
                    continue;
                }
                Map<Type, Span> where = new LinkedHashMap<>();
                for (TypeExpr m : u.members()) {
                    Type mt = cx.out.typeExprs.get(m);
                    if (mt != null) {
                        where.putIfAbsent(mt, m.span());
                    }
                }
                for (int i = 0; i < records.size(); i++) {
                    for (int j = i + 1; j < records.size(); j++) {
                        String why = overlap(records.get(i), records.get(j));
                        if (why != null && where.containsKey(records.get(i)) && where.containsKey(records.get(j))) {
                            cx.report(Diagnostic.error(Code.E0028, where.get(records.get(j)),
                                            "ambiguous union `" + t + "`")
                                    .label("`" + records.get(j) + "` overlaps `" + records.get(i) + "`")
                                    .secondary(where.get(records.get(i)), "`" + records.get(i) + "` listed here")
                                    .note(why)
                                    .help("give the records distinct fields so every value matches exactly one"));
                            cx.out.typeExprs.put(u, Type.ERROR);
                        }
                    }
                }
            }
        }
    }

    /** Resolves parameter and return types of every cell and declares the parameters. */
    void defineCells() {
        for (CellInfo c : cx.symbols.cells.values()) {
            Map<String, Ident> seen = new LinkedHashMap<>();
            for (Decl.Param p : c.decl().params()) {
                Type t = resolve(p.type());
                Ident first = seen.get(p.name().name());
                if (first != null) {
                    cx.report(Diagnostic.error(Code.E0016, p.name().span(),
                                    "parameter `" + p.name().name() + "` is declared twice in cell `" + c.name() + "`")
                            .label("declared again here")
                            .secondary(first.span(), "first declared here")
                            .help("rename one of them"));
                    continue;
                }
                seen.put(p.name().name(), p.name());
                Binding b = new Binding(p.name(), t, Binding.Kind.PARAM, false, c.nextSlot(), null);
                c.addParam(b);
                cx.out.declarations.put(p.name(), b);
            }
            c.setReturnType(c.decl().returns() == null ? Type.NULL : resolve(c.decl().returns()));
        }
    }
}
